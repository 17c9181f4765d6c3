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
#include "model/policy_reads.hpp"
#include "model/types.hpp"

namespace qpl::lint {
namespace {

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

  PolicyReads reached(p);  // what the funnel's answer (or, without a funnel, the output) reads
  if (p.funnel) {
    for (const auto& line : p.funnel->lines)
      if (line.condition) reached.read(*line.condition);
  } else {
    for (std::uint32_t i = 0; i < p.icps.size(); ++i) reached.read_icp(i);
    for (std::uint32_t i = 0; i < p.scores.size(); ++i) reached.read_score(i);
    for (std::uint32_t i = 0; i < p.gates.size(); ++i) reached.read_gates(i);
  }
  // A grade is read by the people who read the results, as the funnel's stage is: what it reads
  // is used, funnel or not.
  for (std::uint32_t i = 0; i < p.grades.size(); ++i) reached.read_grade(i);

  // A file of lets alone (no funnel, icp, score or gates) is a library for other policies.
  const bool library = !p.funnel && p.icps.empty() && p.scores.empty() && p.gates.empty() &&
                       p.grades.empty();
  for (std::uint32_t i = 0; i < p.lets.size() && !library; ++i) {
    const auto& let = p.lets[i];
    if (reached.lets()[i] || !in_main(let.decl->name_span)) continue;
    auto& d = ctx.out.warning(code::unused_let, let.decl->name_span,
                              fmt::format("let '{}' is never used", let.name));
    d.help = "remove it, or use it where it was meant to be used";
  }
  if (p.funnel) {
    for (std::uint32_t i = 0; i < p.scores.size(); ++i) {
      const auto& s = p.scores[i];
      if (reached.scores()[i] || !in_main(s.decl->name_span)) continue;
      auto& d = ctx.out.warning(code::unused_score, s.decl->name_span,
                                fmt::format("score '{}' is not used by the funnel", s.name));
      d.help = "use it in a funnel line (it is still computed and shown in the output), or remove it";
    }
    for (std::uint32_t i = 0; i < p.icps.size(); ++i) {
      const auto& icp = p.icps[i];
      if (reached.icps()[i] || !in_main(icp.decl->name_span)) continue;
      auto& d = ctx.out.warning(code::unused_icp, icp.decl->name_span,
                                fmt::format("icp '{}' is not used by the funnel", icp.name));
      d.help = "use it in a funnel line (it is still computed and shown in the output), or remove it";
    }
    for (std::uint32_t i = 0; i < p.gates.size(); ++i) {
      const auto& g = p.gates[i];
      if (reached.gates()[i] || !in_main(g.decl->name_span)) continue;
      auto& d = ctx.out.warning(code::unused_gates, g.decl->name_span,
                                fmt::format("gates '{}' is not used by the funnel", g.name));
      d.help = fmt::format("use it in a funnel line, e.g. 'at least 3 of {}', or remove it", g.name);
    }
  }
  for (std::uint32_t i = 0; i < p.checks.size(); ++i) {
    const auto& c = p.checks[i];
    if (reached.checks()[i] || !reached.gates()[c.group_index] || !in_main(c.decl->label_span)) continue;
    auto& d = ctx.out.warning(code::unused_check, c.decl->label_span,
                              fmt::format("check '{}.{}' is never used: only other checks of "
                                          "'{}' are read", c.group, c.label, c.group));
    d.help = fmt::format("read it ('{}.{}' or a group test such as 'all of {}'), or remove it",
                         c.group, c.label, c.group);
  }

  // Fields: read anywhere outside tests, or the output's `id`.
  std::vector<bool> read(p.schema.lead.fields.size(), false);
  if (p.schema.id_field >= 0) read[static_cast<std::size_t>(p.schema.id_field)] = true;
  PolicyReads rules(p);
  for_each_rule_root(p, [&](const Expr& root, RootKind) { rules.read(root); });
  for (const std::uint32_t slot : rules.lead_fields()) read[slot] = true;
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
