// A field's reading options (`trim`, `lower`, `format`, `unreadable missing`) against its type.
#include <fmt/format.h>

#include "sema/checker.hpp"
#include "support/utf8.hpp"

namespace qpl::sema {

namespace {

bool has_upper_case(std::string_view text) { return to_lower(text) != text; }

}  // namespace

FieldReading Checker::check_field_options(const FieldDecl& f, TypeRef type) {
  FieldReading reading;
  if (f.repeated_option)
    diags_.error(code::field_option, *f.repeated_option,
                 fmt::format("field '{}' has this option twice", f.name));
  const bool known = type->kind != TypeKind::error;
  const bool textual = is_textual(type);
  const auto misplaced = [&](Span span, std::string_view option, std::string_view fits) {
    diags_.error(code::field_option, span,
                 fmt::format("'{}' applies to {} fields, not {}", option, fits, type_name(type)));
  };
  if (f.trim) {
    if (known && !textual) misplaced(*f.trim, "trim", "text and 'one of'");
    reading.trim = true;
  }
  if (f.lower) {
    if (known && !textual) misplaced(*f.lower, "lower", "text and 'one of'");
    reading.lower = true;
    reading.lower_span = *f.lower;
    if (type->kind == TypeKind::enum_) {
      for (std::size_t i = 0; i < f.type.values.size(); ++i) {
        const std::string& value = f.type.values[i];
        if (!has_upper_case(value)) continue;
        auto& e = diags_.error(
            code::field_option, f.type.value_spans[i],
            fmt::format("\"{}\" can never be read: the field is declared 'lower'", value));
        e.help = fmt::format("write \"{}\"", to_lower(value));
      }
    }
  }
  if (f.format) {
    reading.format = *f.format;
    if (type->kind == TypeKind::date) {
      reading.date_format = parse_date_format(*f.format);
      if (!reading.date_format) {
        auto& e = diags_.error(code::field_option, f.format_span,
                               fmt::format("\"{}\" is not a date format", *f.format));
        e.help = "use YYYY, MM, DD, M and D with separators, such as \"DD/MM/YYYY\" or "
                 "\"M/D/YYYY\"";
      }
    } else if (type->kind == TypeKind::number) {
      reading.number_format = parse_number_format(*f.format);
      if (!reading.number_format) {
        auto& e = diags_.error(code::field_option, f.format_span,
                               fmt::format("\"{}\" is not a number format", *f.format));
        e.help = "write one thousand as the data does, such as \"1,000.00\", \"1.000,00\" or "
                 "\"1 000,00\"";
      }
    } else if (known) {
      misplaced(f.format_span, "format", "date and number");
    }
  }
  if (f.unreadable_missing) {
    if (!f.optional) {
      auto& e = diags_.error(code::field_option, *f.unreadable_missing,
                             fmt::format("'unreadable missing' needs an optional field: '{}' "
                                         "is required",
                                         f.name));
      e.help = fmt::format("add '?' if a lead may lack it: {}: {}?", f.name, type_name(type));
    }
    reading.unreadable_missing = true;
  }
  reading.as_written = !reading.lower && !reading.date_format && !reading.number_format;
  return reading;
}

const FieldSchema* Checker::field_read_by(const Expr& e) const {
  const auto at = [](const RecordType& record, std::uint32_t slot) -> const FieldSchema* {
    return slot < record.fields.size() ? &record.fields[slot] : nullptr;
  };
  if (const auto* name = std::get_if<Name>(&e.kind)) {
    if (name->ref.kind == RefKind::lead_field) return at(p_.schema.lead, name->ref.index);
    if (name->ref.kind == RefKind::element_field && name->ref.depth < element_scopes_.size())
      return at(*element_scopes_[element_scopes_.size() - 1 - name->ref.depth], name->ref.index);
  } else if (const auto* member = std::get_if<Member>(&e.kind)) {
    if (member->ref.kind == RefKind::lead_field) return at(p_.schema.lead, member->ref.index);
    const TypeRef object = member->object->type;
    if (member->ref.kind == RefKind::record_field && object && object->kind == TypeKind::record)
      return at(*object->record, member->ref.index);
  }
  return nullptr;
}

void Checker::check_lowered_literal(const Expr& field_expr, const Expr& literal) {
  const auto* text = std::get_if<TextLit>(&literal.kind);
  if (text == nullptr || !has_upper_case(text->value)) return;
  const FieldSchema* field = field_read_by(field_expr);
  if (field == nullptr || !field->reading.lower) return;
  auto& e = diags_.error(code::lower_literal, literal.span,
                         fmt::format("\"{}\" can never match: '{}' is read lower-cased", text->value,
                                     field->name));
  e.notes.push_back({field->reading.lower_span, fmt::format("'{}' is declared 'lower' here", field->name)});
  e.help = fmt::format("write \"{}\"", to_lower(text->value));
}

}  // namespace qpl::sema
