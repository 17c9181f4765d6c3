// Collects the declarations of every file into the policy's tables and one namespace (R14, R49),
// and builds the schema (fields, records, missing values).
#include <optional>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "sema/checker.hpp"
#include "support/source_location.hpp"
#include "support/suggest.hpp"

namespace qpl::sema {

std::string describe(const CheckedPolicy& p, Span span) { return location_text(p.sources, span); }

void Checker::declare_global(const std::string& name, GlobalKind kind, std::uint32_t index,
                             Span span) {
  auto [it, inserted] = globals_.try_emplace(name, Global{kind, index, span});
  if (!inserted) {
    auto& d = diags_.error(code::duplicate_name, span, fmt::format("'{}' is already defined", name));
    d.notes.push_back({it->second.span, "first defined here"});
  }
}

void Checker::collect_declarations() {
  const FieldsBlock* fields = nullptr;
  Span fields_span;
  std::vector<const RecordDecl*> records;
  // Two passes: the schema first, so fields come first in the namespace whatever the file order.
  std::vector<std::optional<Span>> header_spans(p_.modules.size());  // per file
  for (int pass = 0; pass < 2; ++pass) {
  if (pass == 1) build_schema(fields, records);
  for (std::size_t m = 0; m < p_.modules.size(); ++m) {
    auto& module = p_.modules[m];
    for (auto& decl : module.decls) {
      const bool schema_decl = decl.kind_case() == DeclKindCase::fields ||
                               decl.kind_case() == DeclKindCase::record;
      if (schema_decl != (pass == 0)) continue;
      std::visit(
          [&](auto& d) {
            using D = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<D, PolicyHeader>) {
              if (header_spans[m]) {
                auto& e = diags_.error(code::second_block, decl.span,
                                       "a file has one 'policy' header: this is a second one");
                e.notes.push_back({*header_spans[m], "the first 'policy' header"});
              } else {
                header_spans[m] = decl.span;
                if (m == 0) p_.header = d;
              }
            } else if constexpr (std::is_same_v<D, Import>) {
              // followed by the loader
            } else if constexpr (std::is_same_v<D, FieldsBlock>) {
              if (fields) {
                auto& e = diags_.error(code::second_block, decl.span,
                                       "a policy has one 'fields' block: this is a second one");
                e.notes.push_back({fields_span, "the first 'fields' block"});
              } else {
                fields = &d;
                fields_span = decl.span;
              }
            } else if constexpr (std::is_same_v<D, RecordDecl>) {
              auto [it, inserted] = record_decls_.try_emplace(d.name, &d);
              if (!inserted) {
                auto& e = diags_.error(code::duplicate_name, d.name_span,
                                       fmt::format("record '{}' is already defined", d.name));
                e.notes.push_back({it->second->name_span, "first defined here"});
              } else {
                records.push_back(&d);
              }
            } else if constexpr (std::is_same_v<D, LetDecl>) {
              declare_global(d.name, GlobalKind::let, static_cast<std::uint32_t>(p_.lets.size()),
                             d.name_span);
              p_.lets.push_back({d.name, &d, nullptr});
            } else if constexpr (std::is_same_v<D, IcpDecl>) {
              declare_global(d.name, GlobalKind::icp, static_cast<std::uint32_t>(p_.icps.size()),
                             d.name_span);
              p_.icps.push_back({d.name, &d});
            } else if constexpr (std::is_same_v<D, ScoreDecl>) {
              declare_global(d.name, GlobalKind::score,
                             static_cast<std::uint32_t>(p_.scores.size()), d.name_span);
              p_.scores.push_back({d.name, &d});
            } else if constexpr (std::is_same_v<D, GatesDecl>) {
              const auto group = static_cast<std::uint32_t>(p_.gates.size());
              declare_global(d.name, GlobalKind::gates, group, d.name_span);
              GatesInfo info{d.name, &d, {}};
              std::map<std::string, Span, std::less<>> labels;
              for (const auto& check : d.checks) {
                auto [it, inserted] = labels.try_emplace(check.label, check.label_span);
                if (!inserted) {
                  auto& e = diags_.error(code::duplicate_member, check.label_span,
                                         fmt::format("check '{}' is already defined in gates '{}'",
                                                     check.label, d.name));
                  e.notes.push_back({it->second, "first defined here"});
                  continue;
                }
                info.checks.push_back(static_cast<std::uint32_t>(p_.checks.size()));
                p_.checks.push_back({d.name, check.label, &check, group});
              }
              p_.gates.push_back(std::move(info));
            } else if constexpr (std::is_same_v<D, FunnelDecl>) {
              if (p_.funnel) {
                diags_.error(code::second_block, decl.span,
                             "a policy has one 'funnel': this is a second one");
              } else {
                p_.funnel = &d;
              }
            } else if constexpr (std::is_same_v<D, GradeDecl>) {
              declare_global(d.name, GlobalKind::grade,
                             static_cast<std::uint32_t>(p_.grades.size()), d.name_span);
              p_.grades.push_back({d.name, &d});
            } else if constexpr (std::is_same_v<D, TestDecl>) {
              if (m == 0) p_.tests.push_back(&d);
            } else if constexpr (std::is_same_v<D, AccountDecl>) {
              collect_account(d, decl.span);
            } else {
              static_assert(unhandled_kind<D>, "every declaration kind is declared");
            }
          },
          decl.kind);
    }
  }
  }
  add_account_field();
  let_state_.assign(p_.lets.size(), NodeState::unchecked);
  icp_state_.assign(p_.icps.size(), NodeState::unchecked);
  score_state_.assign(p_.scores.size(), NodeState::unchecked);
  check_state_.assign(p_.checks.size(), NodeState::unchecked);
  grade_state_.assign(p_.grades.size(), NodeState::unchecked);
  grade_refused_.assign(p_.grades.size(), false);
  group_state_.assign(p_.gates.size(), NodeState::unchecked);
  let_refused_.assign(p_.lets.size(), false);
  icp_refused_.assign(p_.icps.size(), false);
  score_refused_.assign(p_.scores.size(), false);
  check_refused_.assign(p_.checks.size(), false);
}

TypeRef Checker::resolve_type(const TypeExpr& t) {
  switch (t.kind) {
    case TypeExprKind::number: return p_.types.number();
    case TypeExprKind::text: return p_.types.text();
    case TypeExprKind::boolean: return p_.types.boolean();
    case TypeExprKind::date: return p_.types.date();
    case TypeExprKind::list:
      return p_.types.list_of(t.element ? resolve_type(*t.element) : p_.types.error());
    case TypeExprKind::one_of: {
      if (t.values.empty()) {
        diags_.error(code::empty_enum, t.span, "'one of' needs at least one value");
        return p_.types.error();
      }
      std::set<std::string> seen;
      for (std::size_t i = 0; i < t.values.size(); ++i)
        if (!seen.insert(t.values[i]).second)
          diags_.error(code::duplicate_member, i < t.value_spans.size() ? t.value_spans[i] : t.span,
                       fmt::format("'{}' is listed twice", t.values[i]));
      return p_.types.enum_of(t.values);
    }
    case TypeExprKind::named: {
      if (const RecordType* r = p_.schema.record(t.name)) return p_.types.record_of(r);
      auto gather_types = [&] {
        std::vector<std::string> candidates{"text", "number", "bool", "date"};
        for (const auto& r : p_.schema.records) candidates.push_back(r.name);
        return candidates;
      };
      auto& e = diags_.error(code::unknown_type, t.span, fmt::format("unknown type '{}'", t.name));
      if (auto s = suggest_(t.name, gather_types)) e.message += fmt::format(" (did you mean '{}'?)", *s);
      return p_.types.error();
    }
  }
  return p_.types.error();
}

void Checker::fill_fields(const std::vector<FieldDecl>& decls, RecordType& into) {
  std::map<std::string, Span, std::less<>> seen;
  for (const auto& f : decls) {
    auto [it, inserted] = seen.try_emplace(f.name, f.name_span);
    if (!inserted) {
      auto& e = diags_.error(code::duplicate_member, f.name_span,
                             fmt::format("field '{}' is already declared", f.name));
      e.notes.push_back({it->second, "first declared here"});
      continue;
    }
    FieldSchema field;
    field.name = f.name;
    field.source = f.source.value_or(f.name);
    std::size_t start = 0;
    while (true) {
      const auto dot = field.source.find('.', start);
      field.path.push_back(field.source.substr(start, dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    field.type = resolve_type(f.type);
    field.optional = f.optional;
    field.reading = check_field_options(f, field.type);
    field.span = f.span;
    into.fields.push_back(std::move(field));
  }
}

void Checker::build_schema(const FieldsBlock* fields,
                           const std::vector<const RecordDecl*>& records) {
  // Names first, so record types can refer to each other in any order.
  for (const auto* r : records) p_.schema.records.push_back(RecordType{r->name, {}});
  for (std::size_t i = 0; i < records.size(); ++i)
    fill_fields(records[i]->fields, p_.schema.records[i]);

  // A record that contains itself (directly or through others) has no finite value.
  std::map<const RecordType*, int> state;  // 0 new, 1 visiting, 2 done
  std::vector<std::pair<const RecordType*, std::size_t>> stack;
  auto field_record = [](TypeRef t) -> const RecordType* {
    while (t && t->kind == TypeKind::list) t = t->element;
    return t && t->kind == TypeKind::record ? t->record : nullptr;
  };
  for (std::size_t i = 0; i < records.size(); ++i) {
    const RecordType* root = &p_.schema.records[i];
    if (state[root]) continue;
    stack.push_back({root, 0});
    state[root] = 1;
    while (!stack.empty()) {
      auto& [rec, next] = stack.back();
      if (next == rec->fields.size()) {
        state[rec] = 2;
        stack.pop_back();
        continue;
      }
      const auto& field = rec->fields[next++];
      const RecordType* inner = field_record(field.type);
      if (!inner) continue;
      if (state[inner] == 1) {
        diags_.error(code::cycle, field.span,
                     fmt::format("record '{}' contains itself through field '{}'", inner->name,
                                 field.name));
      } else if (state[inner] == 0) {
        state[inner] = 1;
        stack.push_back({inner, 0});
      }
    }
  }

  if (!fields) return;
  fill_fields(fields->fields, p_.schema.lead);
  for (std::size_t i = 0; i < p_.schema.lead.fields.size(); ++i) {
    const auto& f = p_.schema.lead.fields[i];
    // A field's declaration starts with its name: point at the name only.
    const Span name_span{f.span.file, f.span.begin,
                         f.span.begin + static_cast<std::uint32_t>(f.name.size())};
    declare_global(f.name, GlobalKind::field, static_cast<std::uint32_t>(i), name_span);
    if (f.name == "id") p_.schema.id_field = static_cast<int>(i);
  }
  for (const auto& mv : fields->missing_values)
    for (const auto& v : mv.values) p_.schema.missing_values.push_back(v);
  add_previous_field();
}

}  // namespace qpl::sema
