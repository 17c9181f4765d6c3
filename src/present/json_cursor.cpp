#include "present/json_cursor.hpp"

#include <algorithm>

namespace qpl::present {

void JsonCursor::grow(std::size_t size) {
  const auto used = static_cast<std::size_t>(at_ - buffer_.data());
  buffer_.resize(std::max({used + size, 2 * buffer_.size(), std::size_t{4096}}));
  at_ = buffer_.data() + used;
  end_ = buffer_.data() + buffer_.size();
}

}  // namespace qpl::present
