#include "model/expression_roots.hpp"

#include <type_traits>
#include <variant>

namespace qpl {

void for_each_root(const CheckedPolicy& p, const std::function<void(const Expr&, RootKind)>& f) {
  const auto root = [&](const ExprPtr& e, RootKind kind) {
    if (e) f(*e, kind);
  };
  for (const Module& module : p.modules) {
    for (const Decl& decl : module.decls) {
      std::visit(
          [&](const auto& d) {
            using D = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<D, PolicyHeader> || std::is_same_v<D, Import> ||
                          std::is_same_v<D, FieldsBlock> || std::is_same_v<D, RecordDecl>) {
            } else if constexpr (std::is_same_v<D, LetDecl>) {
              root(d.value, RootKind::let);
            } else if constexpr (std::is_same_v<D, IcpDecl>) {
              for (const auto& c : d.clauses) root(c.condition, c.exclude ? RootKind::icp_exclude : RootKind::icp_require);
            } else if constexpr (std::is_same_v<D, ScoreDecl>) {
              for (const auto& r : d.rules) {
                root(r.per, RootKind::score_per);
                root(r.when, RootKind::score_when);
              }
            } else if constexpr (std::is_same_v<D, GatesDecl>) {
              for (const auto& c : d.checks) root(c.condition, RootKind::check);
            } else if constexpr (std::is_same_v<D, FunnelDecl>) {
              for (const auto& l : d.lines) root(l.condition, RootKind::funnel);
              for (const auto& l : d.recycles) root(l.condition, RootKind::funnel);
            } else if constexpr (std::is_same_v<D, GradeDecl>) {
              root(d.of, RootKind::grade);
              for (const auto& l : d.lines) root(l.condition, RootKind::grade);
            } else if constexpr (std::is_same_v<D, TestDecl>) {
              for (const auto& x : d.expectations) root(x.expr, RootKind::test);
            } else if constexpr (std::is_same_v<D, AccountDecl>) {
              for (const auto& l : d.lets) root(l.value, RootKind::account);
            } else {
              static_assert(unhandled_kind<D>, "every declaration's expressions are walked");
            }
          },
          decl.kind);
    }
  }
}

}  // namespace qpl
