#include "runner/literal_lead.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "io/value_conversion.hpp"
#include "support/number_format.hpp"

namespace qpl::runner {
namespace {

using Kind = LiteralValue::Kind;

std::string describe_literal(const LiteralValue& v) {
  switch (v.kind) {
    case Kind::unknown: return "unknown";
    case Kind::number: return format_number(v.number);
    case Kind::text: return fmt::format("\"{}\"", v.text);
    case Kind::boolean: return v.boolean ? "true" : "false";
    case Kind::date: return "a date";
    case Kind::list: return "a list";
    case Kind::record: return "a record";
    case Kind::stage: return v.text;
  }
  return "?";
}

// A text written for a field with `trim` or `lower` reads as the readers would read it.
// `holder` keeps the changed copy, when there is one.
const LiteralValue& as_read(const LiteralValue& v, const FieldReading* reading,
                            LiteralValue& holder) {
  if (v.kind != Kind::text || !reading || !(reading->trim || reading->lower)) return v;
  holder = v;
  holder.text = io::normalized_text(*reading, v.text);
  return holder;
}

class Converter {
 public:
  explicit Converter(const Schema& schema) : schema_(schema) {}

  std::optional<Value> convert(const LiteralValue& v, TypeRef type, const std::string& path) {
    if (v.kind == Kind::unknown) return Value(Unknown{});
    if (v.kind == Kind::text && is_missing_value(v.text)) return Value(Unknown{});  // R41
    auto mismatch = [&](const char* expected) -> std::optional<Value> {
      fail(v.span, fmt::format("{}: expected {}, got {}", path, expected, describe_literal(v)));
      return std::nullopt;
    };
    switch (type->kind) {
      case TypeKind::number:
        if (v.kind != Kind::number) return mismatch("a number");
        return Value(v.number);
      case TypeKind::text:
        if (v.kind != Kind::text) return mismatch("a text");
        return Value(v.text);
      case TypeKind::boolean:
        if (v.kind != Kind::boolean) return mismatch("true or false");
        return Value(v.boolean);
      case TypeKind::date:
        if (v.kind != Kind::date) return mismatch("a date");
        return Value(Date{v.date});
      case TypeKind::enum_: {
        if (v.kind != Kind::text ||
            std::find(type->values.begin(), type->values.end(), v.text) == type->values.end())
          return mismatch(io::expected_description(type).c_str());  // as the lead readers say it
        return Value(v.text);
      }
      case TypeKind::list: {
        if (v.kind != Kind::list) return mismatch("a list");
        auto list = std::make_shared<ListValue>();
        for (std::size_t i = 0; i < v.items.size(); ++i) {
          const auto& item = v.items[i];
          const std::string item_path = fmt::format("{}[{}]", path, i);  // 0-based, as the readers count
          if (item.kind == Kind::unknown) {
            fail(item.span, fmt::format("{}: a list cannot hold unknown", item_path));
            return std::nullopt;
          }
          // R41: missing values do not apply to elements of lists of primitives.
          auto element = type->element->kind == TypeKind::record
                             ? convert(item, type->element, item_path)
                             : convert_exact(item, type->element, item_path);
          if (!element) return std::nullopt;
          list->push_back(std::move(*element));
        }
        return Value(ListPtr(std::move(list)));
      }
      case TypeKind::record: {
        if (v.kind != Kind::record) return mismatch("a record");
        auto record = std::make_shared<RecordValue>();
        if (!fill(v, *type->record, *record, path + ".")) return std::nullopt;
        return Value(RecordPtr(std::move(record)));
      }
      default:
        return mismatch(type_name(type).c_str());
    }
  }

  bool fill(const LiteralValue& literal, const RecordType& type, RecordValue& out,
            const std::string& prefix) {
    out.fields.assign(type.fields.size(), Value(Unknown{}));
    std::vector<bool> given(type.fields.size(), false);
    for (const auto& entry : literal.entries) {
      const int slot = type.field_index(entry.key);
      if (slot < 0) {
        fail(entry.key_span, fmt::format("{}{}: no such field", prefix, entry.key));
        return false;
      }
      const FieldSchema& field = type.fields[static_cast<std::size_t>(slot)];
      LiteralValue holder;
      auto value = convert(as_read(entry.value, &field.reading, holder), field.type,
                           prefix + entry.key);
      if (!value) return false;
      out.fields[static_cast<std::size_t>(slot)] = std::move(*value);
      given[static_cast<std::size_t>(slot)] = true;
    }
    for (std::size_t i = 0; i < type.fields.size(); ++i) {
      if (type.fields[i].optional || !out.fields[i].is_unknown()) continue;
      fail(literal.span, fmt::format("{}{}: required field is missing", prefix, type.fields[i].name));
      return false;
    }
    return true;
  }

  std::optional<LiteralLeadError> error;

 private:
  std::optional<Value> convert_exact(const LiteralValue& v, TypeRef type, const std::string& path) {
    if (v.kind == Kind::text && type->kind == TypeKind::text) return Value(v.text);
    return convert(v, type, path);
  }
  bool is_missing_value(const std::string& text) const {
    const auto& mv = schema_.missing_values;
    return std::find(mv.begin(), mv.end(), text) != mv.end();
  }
  void fail(Span span, std::string message) {
    if (!error) error = LiteralLeadError{span, std::move(message)};
  }
  const Schema& schema_;
};

}  // namespace

std::optional<LiteralLeadError> lead_from_literal(const LiteralValue& lead, const Schema& schema,
                                                  RecordValue& out) {
  Converter c(schema);
  if (lead.kind != Kind::record) return LiteralLeadError{lead.span, "a lead must be a record { ... }"};
  c.fill(lead, schema.lead, out, "");
  return c.error;
}

std::optional<Value> value_from_literal(const LiteralValue& v, TypeRef type, const Schema& schema,
                                        std::string* error, const FieldReading* reading) {
  Converter c(schema);
  LiteralValue holder;
  auto value = c.convert(as_read(v, reading, holder), type, "value");
  if (!value && error && c.error) *error = c.error->message;
  return value;
}

}  // namespace qpl::runner
