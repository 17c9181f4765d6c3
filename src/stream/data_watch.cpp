#include "stream/data_watch.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "io/value_conversion.hpp"
#include "model/expression_roots.hpp"
#include "support/date.hpp"
#include "support/utf8.hpp"

namespace qpl::stream {

namespace {

// Non-ASCII values that match no literal, remembered per field so that they are lower-cased once:
// enough for industries, countries, titles; beyond it such a value is checked each time.
constexpr std::size_t max_remembered_values = 4096;

std::string fold(std::string_view text) { return to_lower(trim(text)); }

const Expr* as_text_field(const CheckedPolicy& policy, const Expr& e) {
  const Ref* ref = nullptr;
  if (const auto* name = std::get_if<Name>(&e.kind)) ref = &name->ref;
  if (const auto* member = std::get_if<Member>(&e.kind)) ref = &member->ref;
  if (ref == nullptr || ref->kind != RefKind::lead_field) return nullptr;
  const FieldSchema& field = policy.schema.lead.fields[ref->index];
  return field.type->kind == TypeKind::text ? &e : nullptr;
}

// Whether some value of the policy depends on the day it is judged: `today`, `within`,
// `days_since` (stage memory's `days_in_stage` is written with `today`).
bool counts_from_today(const CheckedPolicy& policy) {
  bool found = false;
  std::vector<const Expr*> stack;
  for_each_root(policy, [&](const Expr& root, RootKind kind) {
    if (kind == RootKind::test) return;  // a test's expectations are not evaluated on leads
    stack.push_back(&root);
    while (!found && !stack.empty()) {
      const Expr& e = *stack.back();
      stack.pop_back();
      const auto* call = std::get_if<Call>(&e.kind);
      found = std::holds_alternative<Today>(e.kind) || std::holds_alternative<Within>(e.kind) ||
              (call != nullptr && call->builtin == Builtin::days_since);
      for_each_child(e, [&](const Expr& child) { stack.push_back(&child); });
    }
    stack.clear();
  });
  return found;
}

std::uint32_t slot_of(const Expr& e) {
  if (const auto* name = std::get_if<Name>(&e.kind)) return name->ref.index;
  return std::get<Member>(e.kind).ref.index;
}

}  // namespace

DataWatch::DataWatch(const CheckedPolicy& policy) : policy_(policy) {
  // Each comparison of a lead text field with a text literal: `=`, `!=`, `in`, `not in`.
  std::vector<const Expr*> stack;
  for_each_root(policy, [&](const Expr& root, RootKind kind) {
    if (kind == RootKind::test) return;  // a test's expectations are not evaluated on leads
    stack.push_back(&root);
    while (!stack.empty()) {
      const Expr& e = *stack.back();
      stack.pop_back();
      if (const auto* binary = std::get_if<Binary>(&e.kind);
          binary && (binary->op == BinaryOp::eq || binary->op == BinaryOp::ne)) {
        if (as_text_field(policy, *binary->lhs)) watch_comparison(*binary->lhs, *binary->rhs);
        if (as_text_field(policy, *binary->rhs)) watch_comparison(*binary->rhs, *binary->lhs);
      }
      if (const auto* in = std::get_if<In>(&e.kind); in && as_text_field(policy, *in->value)) {
        if (const auto* list = std::get_if<ListLit>(&in->list->kind))
          for (const ExprPtr& item : list->items) watch_comparison(*in->value, *item);
      }
      for_each_child(e, [&](const Expr& child) { stack.push_back(&child); });
    }
  });
}

void DataWatch::watch_comparison(const Expr& field, const Expr& literal) {
  const auto* text = std::get_if<TextLit>(&literal.kind);
  if (text == nullptr) return;
  const std::uint32_t slot = slot_of(field);
  auto it = std::find_if(fields_.begin(), fields_.end(),
                         [&](const WatchedField& w) { return w.slot == slot; });
  if (it == fields_.end()) {
    it = fields_.insert(fields_.end(), WatchedField{});
    it->slot = slot;
  }
  for (const Literal& known : it->literals)
    if (known.text == text->value) return;
  it->literals.push_back({text->value, fold(text->value), literal.span});
  const std::size_t folded_size = it->literals.back().folded.size();
  it->longest_folded = std::max(it->longest_folded, folded_size);
  it->folded_sizes |= std::uint64_t{1} << std::min<std::size_t>(folded_size, 63);
}

namespace {

bool is_ascii(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// `folded` is lower-case; for ASCII text lower-casing is ASCII's (R26), so no copy is needed.
bool ascii_equals_folded(std::string_view text, std::string_view folded) {
  if (text.size() != folded.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != folded[i]) return false;
  }
  return true;
}

}  // namespace

bool DataWatch::may_match(const WatchedField& watched, std::string_view trimmed) {
  // Lower-casing shrinks a character to a third of its bytes at most (K, the Kelvin sign, to k),
  // so a longer text matches no literal: long free texts are dismissed at once.
  if (trimmed.size() > 3 * watched.longest_folded) return false;
  if (trimmed.size() < 63 && (watched.folded_sizes >> trimmed.size() & 1) == 0)
    return !is_ascii(trimmed);  // ASCII keeps its length when lower-cased
  return true;
}

int DataWatch::loose_match(const WatchedField& watched, std::string_view value) const {
  const std::string_view trimmed = trim(value);
  if (!may_match(watched, trimmed)) return -1;
  for (const Literal& literal : watched.literals)
    if (literal.text == value) return -1;
  if (is_ascii(trimmed)) {
    for (std::size_t i = 0; i < watched.literals.size(); ++i)
      if (ascii_equals_folded(trimmed, watched.literals[i].folded)) return static_cast<int>(i);
    return -1;
  }
  const std::string folded = to_lower(trimmed);
  for (std::size_t i = 0; i < watched.literals.size(); ++i)
    if (watched.literals[i].folded == folded) return static_cast<int>(i);
  return -1;
}

namespace {

// "budget: expected ..." or "budget (column 'Budget'): expected ..." without the field's name,
// which the warning leads with.
std::string without_field_name(const io::ReadNote& note) {
  const std::string_view message = note.message;
  if (!message.starts_with(note.field)) return note.message;
  std::string_view rest = message.substr(note.field.size());
  if (rest.starts_with(" (column '")) {
    const std::size_t end = rest.find("'): ");
    if (end == std::string_view::npos) return note.message;
    rest.remove_prefix(end + 2);
  }
  if (!rest.starts_with(": ")) return note.message;
  return std::string(rest.substr(2));
}

}  // namespace

void DataWatch::judge_ages_from(std::int32_t today) {
  if (!counts_from_today(policy_)) return;
  today_ = today;
  const auto& fields = policy_.schema.lead.fields;
  for (std::size_t slot = 0; slot < fields.size(); ++slot)
    if (fields[slot].type->kind == TypeKind::date && !fields[slot].kept && !fields[slot].remembered)
      dates_.push_back(WatchedDate{static_cast<std::uint32_t>(slot)});
}

void DataWatch::observe(const io::ReadItem& item) {
  if (!item.ok) return;
  for (WatchedDate& watched : dates_) {
    if (const auto* date = std::get_if<Date>(&item.record.fields[watched.slot].data)) {
      if (!watched.seen || date->days > watched.latest) watched.latest = date->days;
      watched.seen = true;
    }
  }
  for (const io::ReadNote& note : item.notes) {
    auto it = std::find_if(unreadable_.begin(), unreadable_.end(),
                           [&](const Unreadable& u) { return u.field == note.field; });
    if (it == unreadable_.end()) {
      it = unreadable_.insert(unreadable_.end(), Unreadable{note.field, 0, item.number, {}});
      it->first_message = without_field_name(note);
    }
    ++it->count;
  }
  // Runs for every lead on the thread that writes the results: an ASCII value (nearly all of
  // them) is compared with the literals in place, without hashing or copying; only the values
  // that match loosely, and non-ASCII ones (their lower-casing allocates), go to the map.
  for (WatchedField& watched : fields_) {
    const auto* value = std::get_if<std::string>(&item.record.fields[watched.slot].data);
    if (value == nullptr) continue;
    // Most values repeat (countries, industries): one met recently that matched no literal
    // loosely is found in a small direct-mapped cache, without hashing it.
    std::string& recent = watched.recent_clean[recent_slot(*value)];
    if (recent == *value || !may_match(watched, trim(*value))) continue;
    const bool ascii = is_ascii(*value);
    if (!ascii) {
      if (auto it = watched.seen.find(*value); it != watched.seen.end()) {
        ++it->second.count;
        continue;
      }
    }
    const int literal = loose_match(watched, *value);
    if (literal < 0) {
      recent = *value;
      if (!ascii && watched.seen.size() < max_remembered_values)
        watched.seen.emplace(*value, Seen{literal, 1});
      continue;
    }
    auto [it, inserted] = watched.seen.try_emplace(*value, Seen{literal, 0});
    ++it->second.count;
  }
}

std::string DataWatch::case_warning(const WatchedField& watched, std::size_t index) const {
  const Literal& literal = watched.literals[index];
  // The most frequent spelling, then the first in byte order (a stable report).
  const std::string* top = nullptr;
  std::uint64_t top_count = 0, total = 0;
  std::size_t spellings = 0;
  bool needs_lower = false, needs_trim = false;
  for (const auto& [value, seen] : watched.seen) {
    if (seen.literal != static_cast<int>(index)) continue;
    ++spellings;
    total += seen.count;
    if (trim(value) != value) needs_trim = true;
    if (to_lower(trim(value)) != trim(value) || literal.folded != literal.text) needs_lower = true;
    if (top == nullptr || seen.count > top_count || (seen.count == top_count && value < *top)) {
      top = &value;
      top_count = seen.count;
    }
  }
  if (top == nullptr) return {};
  const FieldSchema& field = policy_.schema.lead.fields[watched.slot];
  const SourceFile& file = policy_.sources.file(literal.span.file);
  const LineColumn at = file.position(literal.span.begin);
  std::string options = needs_lower && needs_trim ? "lower trim" : needs_lower ? "lower" : "trim";
  std::string fix = fmt::format("declare the field '{}'", options);
  if (literal.folded != literal.text) fix += fmt::format(" and write {}", io::quoted_found(literal.folded));
  std::string others;
  if (spellings > 1)
    others = fmt::format(" (and {} more with {} other spelling{})", total - top_count,
                         spellings - 1, spellings > 2 ? "s" : "");
  return fmt::format("{}:{}:{}: warning: {}: {} {} {}{}, the policy lists {}; text comparisons "
                     "are exact ({})",
                     file.name(), at.line, at.column, field.name, top_count,
                     top_count == 1 ? "lead has" : "leads have", io::quoted_found(*top), others,
                     io::quoted_found(literal.text), fix);
}

std::string DataWatch::summary() const {
  std::string out;
  if (!unreadable_.empty()) {
    std::uint64_t total = 0;
    std::string per_field;
    for (const Unreadable& u : unreadable_) {
      total += u.count;
      per_field += fmt::format("{}{} {}", per_field.empty() ? "" : ", ", u.field, u.count);
    }
    out += fmt::format("  read as missing (unreadable): {} ({})\n", total, per_field);
  }
  std::size_t loose = 0;
  std::string names;
  for (const WatchedField& watched : fields_)
    for (std::size_t i = 0; i < watched.literals.size(); ++i)
      if (!case_warning(watched, i).empty()) {
        ++loose;
        names += fmt::format("{}{} {}", names.empty() ? "" : ", ",
                             policy_.schema.lead.fields[watched.slot].name,
                             sanitize_for_terminal(io::quoted_found(watched.literals[i].text)));
      }
  if (loose > 0)
    out += fmt::format("  texts matched only ignoring case or spaces: {} ({})\n", loose, names);
  return out;
}

void DataWatch::merge(const DataWatch& other) {
  for (std::size_t d = 0; d < dates_.size() && d < other.dates_.size(); ++d) {
    const WatchedDate& theirs = other.dates_[d];
    WatchedDate& ours = dates_[d];
    if (theirs.seen && (!ours.seen || theirs.latest > ours.latest)) ours.latest = theirs.latest;
    ours.seen = ours.seen || theirs.seen;
  }
  for (const Unreadable& theirs : other.unreadable_) {
    auto ours = std::find_if(unreadable_.begin(), unreadable_.end(),
                             [&](const Unreadable& u) { return u.field == theirs.field; });
    if (ours == unreadable_.end()) {
      unreadable_.push_back(theirs);
      continue;
    }
    ours->count += theirs.count;
    if (theirs.first_record < ours->first_record) {
      ours->first_record = theirs.first_record;
      ours->first_message = theirs.first_message;
    }
  }
  // In the order their fields were first met, as one thread would have listed them.
  std::stable_sort(unreadable_.begin(), unreadable_.end(),
                   [](const Unreadable& a, const Unreadable& b) { return a.first_record < b.first_record; });
  for (std::size_t f = 0; f < fields_.size() && f < other.fields_.size(); ++f)
    for (const auto& [value, seen] : other.fields_[f].seen) {
      if (seen.literal < 0) continue;  // a value matching no literal: a cache, never reported
      Seen& ours = fields_[f].seen[value];
      ours.literal = seen.literal;
      ours.count += seen.count;
    }
}

std::vector<std::string> DataWatch::warnings() const {
  std::vector<std::string> out;
  for (const Unreadable& u : unreadable_)
    out.push_back(fmt::format("warning: {}: {} unreadable {} read as missing (first: record {}, {})",
                              u.field, u.count, u.count == 1 ? "value" : "values",
                              u.first_record, u.first_message));
  std::vector<std::pair<Span, std::string>> case_warnings;
  for (const WatchedField& watched : fields_)
    for (std::size_t i = 0; i < watched.literals.size(); ++i)
      if (std::string line = case_warning(watched, i); !line.empty())
        case_warnings.emplace_back(watched.literals[i].span, std::move(line));
  std::sort(case_warnings.begin(), case_warnings.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.file, a.first.begin) < std::tie(b.first.file, b.first.begin);
  });
  for (auto& [span, line] : case_warnings) out.push_back(std::move(line));
  if (std::string line = stale_dates_warning(); !line.empty()) out.push_back(std::move(line));
  return out;
}

std::string DataWatch::stale_dates_warning() const {
  const WatchedDate* latest = nullptr;
  for (const WatchedDate& watched : dates_)
    if (watched.seen && (latest == nullptr || watched.latest > latest->latest)) latest = &watched;
  constexpr std::int32_t a_year = 365;
  if (latest == nullptr || !today_ || *today_ - latest->latest <= a_year) return {};
  return fmt::format(
      "warning: the latest date in the leads is {} ({}), more than a year before today ({}): the "
      "rules that count days from today read every lead as old; give --as-of DATE to judge them "
      "as of the day of the export",
      format_date(latest->latest), policy_.schema.lead.fields[latest->slot].name, format_date(*today_));
}

}  // namespace qpl::stream
