#include "sema/memory.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "model/expression_roots.hpp"
#include "model/memory.hpp"
#include "sema/checker.hpp"
#include "syntax/parser.hpp"

namespace qpl::sema {
namespace {

constexpr std::string_view memory_file = "<memory>";
constexpr std::string_view prelude_text = "let days_in_stage = today - previous.since\n";

bool expression_reads(const Expr& root, std::string_view name) {
  std::vector<const Expr*> pending{&root};
  while (!pending.empty()) {
    const Expr* e = pending.back();
    pending.pop_back();
    if (const auto* n = std::get_if<Name>(&e->kind); n != nullptr && n->name == name) return true;
    for_each_child(*e, [&pending](const Expr& child) { pending.push_back(&child); });
  }
  return false;
}

bool declares(const CheckedPolicy& p, std::string_view name) {
  for (const Module& module : p.modules) {
    for (const Decl& decl : module.decls) {
      if (const auto* fields = std::get_if<FieldsBlock>(&decl.kind)) {
        for (const FieldDecl& f : fields->fields)
          if (f.name == name) return true;
      } else if (const auto* let = std::get_if<LetDecl>(&decl.kind)) {
        if (let->name == name) return true;
      } else if (const auto* icp = std::get_if<IcpDecl>(&decl.kind)) {
        if (icp->name == name) return true;
      } else if (const auto* score = std::get_if<ScoreDecl>(&decl.kind)) {
        if (score->name == name) return true;
      } else if (const auto* gates = std::get_if<GatesDecl>(&decl.kind)) {
        if (gates->name == name) return true;
      } else if (const auto* grade = std::get_if<GradeDecl>(&decl.kind)) {
        if (grade->name == name) return true;
      }
    }
  }
  return false;
}

bool has_forward_only_funnel(const CheckedPolicy& p) {
  for (const Module& module : p.modules)
    for (const Decl& decl : module.decls)
      if (const auto* funnel = std::get_if<FunnelDecl>(&decl.kind); funnel != nullptr && funnel->forward_only)
        return true;
  return false;
}

bool has_sla(const CheckedPolicy& p) {
  for (const Module& module : p.modules)
    for (const Decl& decl : module.decls)
      if (const auto* funnel = std::get_if<FunnelDecl>(&decl.kind); funnel != nullptr && !funnel->slas.empty())
        return true;
  return false;
}

bool has_funnel(const CheckedPolicy& p) {
  for (const Module& module : p.modules)
    for (const Decl& decl : module.decls)
      if (std::holds_alternative<FunnelDecl>(decl.kind)) return true;
  return false;
}

}  // namespace

bool reads_undeclared(const CheckedPolicy& p, std::string_view name) {
  if (!has_funnel(p) || declares(p, name)) return false;
  // A forward-only funnel compares each lead with its previous stage, read or not; an SLA
  // counts from the `since` the memory keeps.
  if (name == previous_field_name && (has_forward_only_funnel(p) || has_sla(p))) return true;
  bool reads = false;
  for_each_root(p, [&](const Expr& e, RootKind) { reads = reads || expression_reads(e, name); });
  return reads;
}

void add_memory_prelude(CheckedPolicy& p, Diagnostics& diags) {
  if (!reads_undeclared(p, days_in_stage_name)) return;
  const FileId id = p.sources.add(std::string(memory_file), std::string(prelude_text));
  auto parsed = syntax::parse_module(p.sources.file(id), id);
  diags.append(parsed.diagnostics);
  p.modules.push_back(std::move(parsed.module));
}

// The funnel's stages, in the order they first appear.
static std::vector<std::string> funnel_stages(const CheckedPolicy& p) {
  std::vector<std::string> stages;
  for (const Module& module : p.modules)
    for (const Decl& decl : module.decls)
      if (const auto* funnel = std::get_if<FunnelDecl>(&decl.kind)) {
        for (const FunnelLine& line : funnel->lines)
          if (std::find(stages.begin(), stages.end(), line.stage) == stages.end()) stages.push_back(line.stage);
        return stages;
      }
  return stages;
}

void Checker::add_previous_field() {
  if (!reads_undeclared(p_, previous_field_name) || p_.schema.record(previous_field_name) != nullptr) return;
  RecordType& record = p_.schema.records.emplace_back();
  record.name = std::string(previous_field_name);
  const std::vector<std::string> stages = funnel_stages(p_);
  record.fields.push_back(optional_field("stage", stages.empty() ? p_.types.text() : p_.types.enum_of(stages)));
  record.fields.push_back(optional_field("since", p_.types.date()));
  FieldSchema field = optional_field(previous_field_name, p_.types.record_of(&record));
  field.remembered = true;
  const auto slot = static_cast<std::uint32_t>(p_.schema.lead.fields.size());
  p_.schema.lead.fields.push_back(std::move(field));
  globals_.try_emplace(std::string(previous_field_name), Global{GlobalKind::field, slot, Span{}});
}

}  // namespace qpl::sema
