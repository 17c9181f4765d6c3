#pragma once
// The library's own way past a Policy's pimpl: compile() and compile_file() make a Policy from a
// checked policy (its constructor is private, so a client cannot make one that was not checked).
#include <memory>

#include "api/policy_impl.hpp"
#include "qualify/qualify.hpp"

namespace qualify {

struct PolicyAccess {
  static std::shared_ptr<const Policy> make(std::unique_ptr<Policy::Impl> impl) {
    return std::shared_ptr<const Policy>(new Policy(std::move(impl)));
  }
};

}  // namespace qualify
