#include "repl/value_text.hpp"

#include "model/policy_reads.hpp"
#include "model/types.hpp"
#include "present/quote.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::repl {
namespace {

constexpr int max_depth = 16;  // lists of records of lists...: deeper levels print as `...`

void append_value(std::string& out, const Value& value, TypeRef type, int depth) {
  if (depth > max_depth) {
    out += "...";
    return;
  }
  if (value.is_unknown()) {
    out += "unknown";
  } else if (const auto* b = std::get_if<bool>(&value.data)) {
    out += *b ? "true" : "false";
  } else if (const auto* d = std::get_if<double>(&value.data)) {
    append_number(out, *d);
  } else if (const auto* s = std::get_if<std::string>(&value.data)) {
    out += present::quote(*s);
  } else if (const auto* date = std::get_if<Date>(&value.data)) {
    out += format_date(date->days);
  } else if (const auto* list = std::get_if<ListPtr>(&value.data)) {
    const TypeRef element = type && type->kind == TypeKind::list ? type->element : nullptr;
    out += '[';
    bool first = true;
    for (const Value& item : **list) {
      if (!first) out += ", ";
      first = false;
      append_value(out, item, element, depth + 1);
    }
    out += ']';
  } else if (const auto* record = std::get_if<RecordPtr>(&value.data)) {
    const RecordType* shape = type && type->kind == TypeKind::record ? type->record : nullptr;
    out += '{';
    for (std::size_t i = 0; i < (*record)->fields.size(); ++i) {
      if (i > 0) out += ", ";
      const FieldSchema* field = shape && i < shape->fields.size() ? &shape->fields[i] : nullptr;
      if (field) {
        out += field->name;
        out += ": ";
      }
      append_value(out, (*record)->fields[i], field ? field->type : nullptr, depth + 1);
    }
    out += '}';
  }
}

}  // namespace

std::string value_text(const Value& value, TypeRef type) {
  std::string out;
  append_value(out, value, type, 0);
  return sanitize_for_terminal(out);
}

std::vector<std::string> missing_fields_of(const Expr& root, const CheckedPolicy& policy,
                                           const RecordValue& lead) {
  PolicyReads reads(policy);
  reads.read(root);
  std::vector<std::string> names;
  for (const std::uint32_t slot : reads.lead_fields())
    if (slot < lead.fields.size() && lead.fields[slot].is_unknown())
      names.push_back(policy.schema.lead.fields[slot].name);
  return names;
}

}  // namespace qpl::repl
