// Completion: what may be written at the cursor, from the line before it.
//   lead.|            the lead's fields
//   gates_name.|      its checks
//   x.|               the members of x's record (x a record or a list of records)
//   x = "|  x in ["|  the values of x's `one of (...)` type
//   anywhere else     names (fields, lets, scores, icps, gates, stages), functions and keywords
#include <algorithm>
#include <set>
#include <string_view>

#include "lsp/handlers.hpp"
#include "model/builtins.hpp"

namespace qpl::lsp {
namespace {

// LSP CompletionItemKind.
enum ItemKind { k_function = 3, k_field = 5, k_variable = 6, k_class = 7, k_property = 10,
                k_keyword = 14, k_enum_member = 20, k_constant = 21, k_struct = 22 };

constexpr const char* keywords[] = {
    "policy", "import", "fields", "record", "let", "icp", "require", "exclude", "score", "from",
    "to", "per", "when", "up", "as", "gates", "funnel", "otherwise", "test", "expect", "lead",
    "and", "or", "not", "in", "between", "contains", "starts", "ends", "with", "matches", "is",
    "missing", "present", "within", "today", "count", "any", "all", "none", "sum", "avg", "at",
    "least", "of", "where", "true", "false", "version", "values", "list", "one", "lower", "trim", "format",
    "unreadable", "days", "weeks", "months", "until", "leads", "decaying", "half-life", "linearly",
    "over", "by", "forward-only", "order", "recycle", "sla", "account", "contacts", "hours"};

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The identifier ending at `end` in `line` (may be empty); `end` moves to its start.
std::string_view word_before(std::string_view line, std::size_t& end) {
  std::size_t begin = end;
  while (begin > 0 && is_word(line[begin - 1])) --begin;
  std::string_view w = line.substr(begin, end - begin);
  end = begin;
  return w;
}

void skip_spaces_back(std::string_view line, std::size_t& end) {
  while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
}

class Items {
 public:
  void add(const std::string& label, int kind, std::string detail = {}) {
    if (!seen_.insert(label).second) return;
    json item = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) item["detail"] = std::move(detail);
    items_.push_back(std::move(item));
  }
  json take() { return {{"isIncomplete", false}, {"items", std::move(items_)}}; }

 private:
  std::set<std::string> seen_;
  json items_ = json::array();
};

// The policies whose names are offered: the current one, and the last one without errors
// while the current one has some.
std::vector<const Analysis*> sources(const Analysis& current, const Analysis* last_good) {
  std::vector<const Analysis*> out;
  if (current.policy()) out.push_back(&current);
  if (last_good && last_good != &current && current.has_errors() && last_good->policy()) out.push_back(last_good);
  return out;
}

// The type of a name as written: a lead field, a let, or a field of some record.
TypeRef type_of_name(const std::vector<const Analysis*>& policies, std::string_view name) {
  for (const Analysis* a : policies) {
    const SymbolIndex& s = a->symbols();
    for (SymbolKind kind : {SymbolKind::field, SymbolKind::let})
      if (auto id = s.find(kind, name); id && s.definitions[*id].type) return s.definitions[*id].type;
    for (const Definition& d : s.definitions)
      if (d.kind == SymbolKind::record_field && d.name == name && d.type) return d.type;
  }
  return nullptr;
}

const RecordType* record_of(TypeRef t) {
  if (t && t->kind == TypeKind::list) t = t->element;
  return t ? t->record : nullptr;
}

// Inside a string after `x =`, `x !=` or `x in [...,`: x's enum values, else nothing.
bool complete_enum_value(const std::vector<const Analysis*>& policies, std::string_view line,
                         Items& items, bool& inside_string) {
  std::size_t quote = std::string_view::npos;
  bool open = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && !open) return false;  // a comment
    if (line[i] == '\\' && open) { ++i; continue; }
    if (line[i] == '"') { open = !open; quote = i; }
  }
  inside_string = open;
  if (!open) return false;
  std::size_t end = quote;
  // Back over earlier items of a list: `in ["a", "b", "`.
  while (true) {
    skip_spaces_back(line, end);
    if (end > 0 && line[end - 1] == ',') { --end; continue; }
    if (end > 0 && line[end - 1] == '"') {
      if (end < 2) return false;
      const std::size_t open_quote = line.rfind('"', end - 2);
      if (open_quote == std::string_view::npos) return false;
      end = open_quote;
      continue;
    }
    break;
  }
  if (end > 0 && line[end - 1] == '[') {
    --end;
    skip_spaces_back(line, end);
    if (word_before(line, end) != "in") return false;
  } else if (end > 0 && line[end - 1] == '=') {
    --end;
    if (end > 0 && line[end - 1] == '!') --end;
  } else {
    return false;
  }
  skip_spaces_back(line, end);
  const std::string_view name = word_before(line, end);
  if (name.empty()) return false;
  TypeRef type = type_of_name(policies, name);
  if (type && type->kind == TypeKind::list) type = type->element;
  if (!type || type->kind != TypeKind::enum_) return true;
  for (const std::string& v : type->values) items.add(v, k_enum_member, std::string(name));
  return true;
}

// After `x.`: the members of x.
bool complete_member(const std::vector<const Analysis*>& policies, std::string_view line, Items& items) {
  std::size_t end = line.size();
  word_before(line, end);  // the member being typed
  if (end == 0 || line[end - 1] != '.') return false;
  --end;
  const std::string_view object = word_before(line, end);
  for (const Analysis* a : policies) {
    const CheckedPolicy& policy = *a->policy();
    if (object == "lead") {
      for (const FieldSchema& f : policy.schema.lead.fields) items.add(f.name, k_field, type_name(f.type));
      continue;
    }
    if (auto id = a->symbols().find(SymbolKind::gates, object)) {
      for (const Definition& d : a->symbols().definitions)
        if (d.kind == SymbolKind::check && d.container == a->symbols().definitions[*id].name) items.add(d.name, k_property, "check");
      continue;
    }
    if (const RecordType* r = record_of(type_of_name({a}, object)))
      for (const FieldSchema& f : r->fields) items.add(f.name, k_field, type_name(f.type));
  }
  return true;
}

void complete_names(const std::vector<const Analysis*>& policies, std::string_view line, Items& items) {
  const bool in_where = line.find("where") != std::string_view::npos;
  for (const Analysis* a : policies) {
    for (const Definition& d : a->symbols().definitions) {
      switch (d.kind) {
        case SymbolKind::field: items.add(d.name, k_field, d.type ? type_name(d.type) : "field"); break;
        case SymbolKind::let: items.add(d.name, k_variable, d.type ? type_name(d.type) : "let"); break;
        case SymbolKind::score: items.add(d.name, k_variable, "score"); break;
        case SymbolKind::icp: items.add(d.name, k_variable, "icp"); break;
        case SymbolKind::gates: items.add(d.name, k_class, "gates"); break;
        case SymbolKind::stage: items.add(d.name, k_constant, "stage"); break;
        case SymbolKind::grade: items.add(d.name, k_variable, d.type ? type_name(d.type) : "grade"); break;
        case SymbolKind::record: items.add(d.name, k_struct, "record"); break;
        case SymbolKind::record_field:
          if (in_where) items.add(d.name, k_field, d.type ? type_name(d.type) : "field");
          break;
        case SymbolKind::check: break;
      }
    }
  }
  for (const BuiltinFunction& f : builtin_functions) items.add(std::string(f.name), k_function, "function");
  for (const char* k : keywords) items.add(k, k_keyword);
}

}  // namespace

json completion(const Analysis& current, const Analysis* last_good, Position position) {
  const LineIndex& lines = current.lines();
  const std::uint32_t offset = lines.offset(position);
  const std::uint32_t start = lines.line_start(std::min(position.line, lines.line_count() - 1));
  const std::string_view line = std::string_view(current.text()).substr(start, offset >= start ? offset - start : 0);
  const auto policies = sources(current, last_good);
  Items items;
  bool inside_string = false;
  if (complete_enum_value(policies, line, items, inside_string) || inside_string) return items.take();
  if (!complete_member(policies, line, items)) complete_names(policies, line, items);
  return items.take();
}

}  // namespace qpl::lsp
