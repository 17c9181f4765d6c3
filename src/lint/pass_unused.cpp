// Declarations nothing uses (QPL401-407). "Used" means read on the way to the funnel's answer:
// the funnel's conditions are the roots, and a let, icp, score or check is used when a used
// definition reads it. Without a funnel, the policy's output (every icp, score and check) is
// the root. Tests do not count: a test of dead code keeps it dead. A field is used when any
// rule reads it (even an unused one: that rule gets the warning), and the field `id` always is,
// as the output's `id`. Only declarations of the main file are reported: an imported file is
// shared, and what one policy leaves unused another may need.
#include <set>

#include <fmt/format.h>

#include "lint/codes.hpp"
#include "lint/passes.hpp"
#include "model/types.hpp"

namespace qpl::lint {
namespace {

class UseGraph {
 public:
  explicit UseGraph(const CheckedPolicy& p)
      : lets_(p.lets.size()), icps_(p.icps.size()), scores_(p.scores.size()),
        checks_(p.checks.size()), groups_(p.gates.size()), p_(p) {}

  void reach(const Expr& root) {
    pending_.push_back(&root);
    drain();
  }

  // Follows every expression queued so far, and what they read.
  void drain() {
    while (!pending_.empty()) {
      const Expr* e = pending_.back();
      pending_.pop_back();
      const Ref* ref = nullptr;
      if (const auto* n = std::get_if<Name>(&e->kind)) ref = &n->ref;
      if (const auto* m = std::get_if<Member>(&e->kind)) ref = &m->ref;
      if (ref) use(*ref);
      if (const auto* g = std::get_if<GroupTest>(&e->kind); g && !g->group.empty())
        use_group(g->group_index);
      for_each_child(*e, [&](const Expr& c) { pending_.push_back(&c); });
    }
  }

  void use_icp(std::uint32_t i) {
    if (i >= icps_.size() || icps_[i]) return;
    icps_[i] = true;
    for (const auto& c : p_.icps[i].decl->clauses)
      if (c.condition) pending_.push_back(c.condition.get());
  }
  void use_score(std::uint32_t i) {
    if (i >= scores_.size() || scores_[i]) return;
    scores_[i] = true;
    for (const auto& r : p_.scores[i].decl->rules) {
      if (r.per) pending_.push_back(r.per.get());
      if (r.when) pending_.push_back(r.when.get());
    }
  }
  void use_check(std::uint32_t i) {
    if (i >= checks_.size() || checks_[i]) return;
    checks_[i] = true;
    if (p_.checks[i].group_index < groups_.size()) groups_[p_.checks[i].group_index] = true;
    if (p_.checks[i].decl->condition) pending_.push_back(p_.checks[i].decl->condition.get());
  }
  void use_group(std::uint32_t i) {
    if (i >= groups_.size()) return;
    groups_[i] = true;
    for (auto c : p_.gates[i].checks) use_check(c);
  }

  std::vector<bool> lets_, icps_, scores_, checks_, groups_;

 private:
  void use(const Ref& ref) {
    switch (ref.kind) {
      case RefKind::let:
        if (ref.index < lets_.size() && !lets_[ref.index]) {
          lets_[ref.index] = true;
          pending_.push_back(p_.lets[ref.index].decl->value.get());
        }
        break;
      case RefKind::icp: use_icp(ref.index); break;
      case RefKind::score: use_score(ref.index); break;
      case RefKind::gate_check: use_check(ref.index); break;
      default: break;
    }
  }

  const CheckedPolicy& p_;
  std::vector<const Expr*> pending_;
};

void mark_records(TypeRef t, std::set<const RecordType*>& used) {
  for (int guard = 0; t && guard < 64; ++guard) {
    if (t->kind == TypeKind::list) {
      t = t->element;
      continue;
    }
    if (t->kind == TypeKind::record && t->record && used.insert(t->record).second)
      for (const auto& f : t->record->fields) mark_records(f.type, used);
    return;
  }
}

}  // namespace

void check_unused(LintContext& ctx) {
  const CheckedPolicy& p = ctx.policy;
  if (p.modules.empty()) return;
  const FileId main_file = p.modules.front().file;
  auto in_main = [&](Span s) { return s.file == main_file; };

  UseGraph graph(p);
  if (p.funnel) {
    for (const auto& line : p.funnel->lines)
      if (line.condition) graph.reach(*line.condition);
  } else {
    for (std::uint32_t i = 0; i < p.icps.size(); ++i) graph.use_icp(i);
    for (std::uint32_t i = 0; i < p.scores.size(); ++i) graph.use_score(i);
    for (std::uint32_t i = 0; i < p.gates.size(); ++i) graph.use_group(i);
    graph.drain();
  }

  // A file of lets alone (no funnel, icp, score or gates) is a library for other policies.
  const bool library = !p.funnel && p.icps.empty() && p.scores.empty() && p.gates.empty();
  for (std::uint32_t i = 0; i < p.lets.size() && !library; ++i) {
    const auto& let = p.lets[i];
    if (graph.lets_[i] || !in_main(let.decl->name_span)) continue;
    auto& d = ctx.out.warning(code::unused_let, let.decl->name_span,
                              fmt::format("let '{}' is never used", let.name));
    d.help = "remove it, or use it where it was meant to be used";
  }
  if (p.funnel) {
    for (std::uint32_t i = 0; i < p.scores.size(); ++i) {
      const auto& s = p.scores[i];
      if (graph.scores_[i] || !in_main(s.decl->name_span)) continue;
      auto& d = ctx.out.warning(code::unused_score, s.decl->name_span,
                                fmt::format("score '{}' is not used by the funnel", s.name));
      d.help = "use it in a funnel line (it is still computed and shown in the output), or remove it";
    }
    for (std::uint32_t i = 0; i < p.icps.size(); ++i) {
      const auto& icp = p.icps[i];
      if (graph.icps_[i] || !in_main(icp.decl->name_span)) continue;
      auto& d = ctx.out.warning(code::unused_icp, icp.decl->name_span,
                                fmt::format("icp '{}' is not used by the funnel", icp.name));
      d.help = "use it in a funnel line (it is still computed and shown in the output), or remove it";
    }
    for (std::uint32_t i = 0; i < p.gates.size(); ++i) {
      const auto& g = p.gates[i];
      if (graph.groups_[i] || !in_main(g.decl->name_span)) continue;
      auto& d = ctx.out.warning(code::unused_gates, g.decl->name_span,
                                fmt::format("gates '{}' is not used by the funnel", g.name));
      d.help = fmt::format("use it in a funnel line, e.g. 'at least 3 of {}', or remove it", g.name);
    }
  }
  for (std::uint32_t i = 0; i < p.checks.size(); ++i) {
    const auto& c = p.checks[i];
    if (graph.checks_[i] || !graph.groups_[c.group_index] || !in_main(c.decl->label_span)) continue;
    auto& d = ctx.out.warning(code::unused_check, c.decl->label_span,
                              fmt::format("check '{}.{}' is never used: only other checks of "
                                          "'{}' are read", c.group, c.label, c.group));
    d.help = fmt::format("read it ('{}.{}' or a group test such as 'all of {}'), or remove it",
                         c.group, c.label, c.group);
  }

  // Fields: read anywhere outside tests, or the output's `id`.
  std::vector<bool> read(p.schema.lead.fields.size(), false);
  if (p.schema.id_field >= 0) read[static_cast<std::size_t>(p.schema.id_field)] = true;
  for_each_root(p, [&](const Expr& root, RootKind) {
    std::vector<const Expr*> pending{&root};
    while (!pending.empty()) {
      const Expr* e = pending.back();
      pending.pop_back();
      const Ref* ref = nullptr;
      if (const auto* n = std::get_if<Name>(&e->kind)) ref = &n->ref;
      if (const auto* m = std::get_if<Member>(&e->kind)) ref = &m->ref;
      if (ref && ref->kind == RefKind::lead_field && ref->index < read.size()) read[ref->index] = true;
      for_each_child(*e, [&](const Expr& c) { pending.push_back(&c); });
    }
  });
  for (const auto& module : p.modules) {
    if (module.file != main_file) continue;
    for (const auto& decl : module.decls) {
      const auto* fields = std::get_if<FieldsBlock>(&decl.kind);
      if (!fields) continue;
      for (const auto& f : fields->fields) {
        const int slot = p.schema.lead.field_index(f.name);
        if (slot < 0 || read[static_cast<std::size_t>(slot)]) continue;
        // An optional field costs nothing (info); a required one rejects every lead without it.
        auto& d = f.optional
                      ? ctx.out.info(code::unused_field, f.name_span,
                                     fmt::format("field '{}' is never read by any rule", f.name))
                      : ctx.out.warning(code::unused_required_field, f.name_span,
                                        fmt::format("required field '{}' is never read by any "
                                                    "rule, yet a lead without it is rejected", f.name));
        d.help = f.optional ? "remove it from 'fields', or allow QPL406 if it documents the export"
                            : "make it optional ('?'), or remove it from 'fields'";
      }
    }
  }

  // Records: reachable from the lead's fields through field types.
  std::set<const RecordType*> used;
  for (const auto& f : p.schema.lead.fields) mark_records(f.type, used);
  for (const auto& module : p.modules) {
    if (module.file != main_file) continue;
    for (const auto& decl : module.decls) {
      const auto* r = std::get_if<RecordDecl>(&decl.kind);
      if (!r) continue;
      const RecordType* type = p.schema.record(r->name);
      if (!type || used.count(type)) continue;
      auto& d = ctx.out.warning(code::unused_record, r->name_span,
                                fmt::format("record '{}' is not the type of any field", r->name));
      d.help = fmt::format("use it in 'fields' (e.g. 'events: list of {}'), or remove it", r->name);
    }
  }
}

}  // namespace qpl::lint
