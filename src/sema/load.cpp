// Loads a policy: reads the main file, follows imports depth-first (R49: relative paths, a
// diamond loaded once, a cycle is an error), parses every file, then checks the whole.
#include "sema/load.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "sema/checker.hpp"
#include "sema/memory.hpp"
#include "support/read_file.hpp"
#include "syntax/parser.hpp"

namespace qpl::sema {
namespace {

namespace fs = std::filesystem;

// Imports must be regular files: a device or a pipe named by an import could block or never end.
std::variant<std::string, ReadFileError> read_import(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    if (!fs::exists(path, ec)) return ReadFileError{"no such file"};
    return ReadFileError{"not a regular file"};
  }
  return read_text_file(path.string());
}

std::string display_path(const fs::path& p) { return p.lexically_normal().generic_string(); }

class Loader {
 public:
  Loader(CheckedPolicy& policy, Diagnostics& diags, ImportReader read = {})
      : p_(policy), diags_(diags), read_(std::move(read)) {}

  // Parses `text` as file `name` and, depth-first, every file it imports.
  void load(const fs::path& name, std::string text, const fs::path& base_dir) {
    const std::string key = canonical_key(name);
    const FileId id = p_.sources.add(display_path(name), std::move(text));
    loaded_[key] = id;
    stack_.push_back(key);
    auto parsed = syntax::parse_module(p_.sources.file(id), id);
    diags_.append(parsed.diagnostics);
    const std::size_t index = p_.modules.size();
    p_.modules.push_back(std::move(parsed.module));
    // Collect first: p_.modules may reallocate while imports load.
    std::vector<std::pair<std::string, Span>> imports;
    for (const auto& decl : p_.modules[index].decls)
      if (const auto* imp = std::get_if<Import>(&decl.kind))
        imports.emplace_back(imp->path, imp->path_span);
    for (const auto& [path, span] : imports) follow(base_dir, path, span);
    stack_.pop_back();
  }

 private:
  static std::string canonical_key(const fs::path& p) {
    std::error_code ec;
    auto c = fs::weakly_canonical(p, ec);
    return (ec ? p.lexically_normal() : c).generic_string();
  }

  void follow(const fs::path& base_dir, const std::string& relative, Span at) {
    const fs::path target = (base_dir / relative).lexically_normal();
    const std::string key = canonical_key(target);
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i] != key) continue;
      std::string chain;
      for (std::size_t j = i; j < stack_.size(); ++j)
        chain += fs::path(stack_[j]).filename().generic_string() + " -> ";
      chain += fs::path(key).filename().generic_string();
      diags_.error(sema::code::import_cycle, at, fmt::format("import cycle: {}", chain));
      return;
    }
    if (loaded_.count(key)) return;  // a diamond: loaded once
    auto text = read_ ? read_(target.generic_string()) : read_import(target);
    if (auto* error = std::get_if<ReadFileError>(&text)) {
      diags_.error(sema::code::cannot_read, at,
                   fmt::format("cannot read imported file '{}': {}", display_path(target),
                               error->message));
      return;
    }
    load(target, std::move(std::get<std::string>(text)), target.parent_path());
  }

  CheckedPolicy& p_;
  Diagnostics& diags_;
  std::map<std::string, FileId> loaded_;
  std::vector<std::string> stack_;
  ImportReader read_;
};

void renumber_expressions(CheckedPolicy& p) {
  std::uint32_t next = 0;
  std::vector<Expr*> pending;
  auto walk = [&](Expr* root) {
    if (!root) return;
    pending.push_back(root);
    while (!pending.empty()) {
      Expr* e = pending.back();
      pending.pop_back();
      e->id = next++;
      for_each_child(*e, [&](const Expr& child) { pending.push_back(const_cast<Expr*>(&child)); });
    }
  };
  for (auto& module : p.modules) {
    for (auto& decl : module.decls) {
      std::visit(
          [&](auto& d) {
            using D = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<D, PolicyHeader> || std::is_same_v<D, Import> ||
                          std::is_same_v<D, FieldsBlock> || std::is_same_v<D, RecordDecl>) {
              // no expressions
            } else if constexpr (std::is_same_v<D, LetDecl>) {
              walk(d.value.get());
            } else if constexpr (std::is_same_v<D, IcpDecl>) {
              for (auto& c : d.clauses) walk(c.condition.get());
            } else if constexpr (std::is_same_v<D, ScoreDecl>) {
              for (auto& r : d.rules) {
                walk(r.per.get());
                walk(r.when.get());
              }
            } else if constexpr (std::is_same_v<D, GatesDecl>) {
              for (auto& c : d.checks) walk(c.condition.get());
            } else if constexpr (std::is_same_v<D, FunnelDecl>) {
              for (auto& l : d.lines) walk(l.condition.get());
              for (auto& l : d.recycles) walk(l.condition.get());
            } else if constexpr (std::is_same_v<D, GradeDecl>) {
              walk(d.of.get());
              for (auto& l : d.lines) walk(l.condition.get());
            } else if constexpr (std::is_same_v<D, TestDecl>) {
              for (auto& x : d.expectations) walk(x.expr.get());
            } else if constexpr (std::is_same_v<D, AccountDecl>) {
              for (auto& l : d.lets) walk(l.value.get());
            } else {
              static_assert(unhandled_kind<D>, "every declaration's expressions are numbered");
            }
          },
          decl.kind);
    }
  }
  p.expr_count = next;
}

LoadResult finish(std::unique_ptr<CheckedPolicy> policy, Diagnostics diags) {
  // The parser drops a declaration it could not parse, so the others are still checked and
  // every error of the file is reported in one run.
  add_memory_prelude(*policy, diags);
  renumber_expressions(*policy);
  sema::Checker checker(*policy, diags);
  checker.collect_declarations();
  checker.check_bodies();
  diags.sort();
  return {std::move(policy), std::move(diags)};
}

}  // namespace

LoadResult load_policy(const std::string& path) {
  auto policy = std::make_unique<CheckedPolicy>();
  Diagnostics diags;
  auto text = read_text_file(path);
  if (auto* error = std::get_if<ReadFileError>(&text)) {
    const FileId id = policy->sources.add(path, "");
    diags.error(sema::code::cannot_read, Span{id, 0, 0},
                fmt::format("cannot read '{}': {}", path, error->message));
    return {std::move(policy), std::move(diags)};
  }
  Loader loader(*policy, diags);
  loader.load(path, std::move(std::get<std::string>(text)), fs::path(path).parent_path());
  return finish(std::move(policy), std::move(diags));
}

LoadResult load_policy_text(const std::string& name, std::string text,
                            const std::string& base_dir) {
  auto policy = std::make_unique<CheckedPolicy>();
  Diagnostics diags;
  Loader loader(*policy, diags);
  loader.load(name, std::move(text), base_dir);
  return finish(std::move(policy), std::move(diags));
}

LoadResult load_policy_text(const std::string& name, std::string text, const std::string& base_dir,
                            const ImportReader& read_import) {
  auto policy = std::make_unique<CheckedPolicy>();
  Diagnostics diags;
  Loader loader(*policy, diags, read_import);
  loader.load(name, std::move(text), base_dir);
  return finish(std::move(policy), std::move(diags));
}

}  // namespace qpl::sema
