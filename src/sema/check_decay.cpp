// A decaying score rule (docs/language.md, Score decay): its `per` list holds records, its
// condition is a bool in the element's scope, its period is a whole number of days, and its date
// field, named by `by` or the record's only date field, is resolved to a slot.
#include <fmt/format.h>

#include "sema/checker.hpp"
#include "support/suggest.hpp"

namespace qpl::sema {
namespace {

std::vector<std::string> date_fields(const RecordType& record) {
  std::vector<std::string> names;
  for (const auto& f : record.fields)
    if (f.type && f.type->kind == TypeKind::date) names.push_back(f.name);
  return names;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out;
}

}  // namespace

void Checker::check_decay(const ScoreRule& rule) {
  // The checker fills the decay's resolved slot, as it fills each expression's resolution.
  auto& decay = const_cast<Decay&>(*rule.decay);
  if (decay.months != 0)
    diags_.error(code::decay_period, decay.period_span,
                 "a decay's period cannot be in months (a month is not a fixed number of days): "
                 "give it in days or weeks");
  else if (decay.days <= 0)
    diags_.error(code::decay_period, decay.period_span, "a decay's period must be at least 1 day");

  auto& q = std::get<ListQuery>(rule.per->kind);
  rule.per->type = p_.types.number();
  const TypeRef l = check(*q.list);
  if (!l || l->kind == TypeKind::error) {
    if (q.where) check(*q.where);  // still resolve the condition's names, for their own errors
    return;
  }
  const bool records = l->kind == TypeKind::list && l->element && l->element->kind == TypeKind::record;
  if (!records) {
    diags_.error(code::decay_list, q.list->span,
                 fmt::format("'decaying' needs a list of records after 'per', but this is {}",
                             type_name(l)));
    return;
  }
  const RecordType& record = *l->element->record;
  if (q.where) {
    element_scopes_.push_back(&record);
    expect_type(*q.where, TypeKind::boolean, "the condition after 'where'");
    element_scopes_.pop_back();
  }

  const auto dates = date_fields(record);
  if (!decay.by.empty()) {
    const int slot = record.field_index(decay.by);
    if (slot >= 0 && record.fields[static_cast<std::size_t>(slot)].type->kind == TypeKind::date) {
      decay.date_slot = static_cast<std::uint32_t>(slot);
      return;
    }
    auto& d = diags_.error(
        code::decay_by, decay.by_span,
        slot < 0 ? fmt::format("the record '{}' has no field '{}'", record.name, decay.by)
                 : fmt::format("'{}' is not a date: a decay reads the age of each element from a "
                               "date field of '{}'",
                               decay.by, record.name));
    if (auto s = suggest_(decay.by, [&] { return dates; }))
      d.message += fmt::format(" (did you mean '{}'?)", *s);
    return;
  }
  if (dates.size() == 1) {
    decay.date_slot = static_cast<std::uint32_t>(record.field_index(dates.front()));
    return;
  }
  if (dates.empty())
    diags_.error(code::decay_date, decay.span,
                 fmt::format("the record '{}' has no date field: a decay needs each element's date",
                             record.name));
  else
    diags_.error(code::decay_date, decay.span,
                 fmt::format("the record '{}' has several date fields ({}): name one with 'by'",
                             record.name, joined(dates)));
}

}  // namespace qpl::sema
