#include "present/value_format.hpp"

#include <fmt/format.h>

#include "present/csv_cell.hpp"
#include "present/quote.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::present {
namespace {

const RecordType* record_of(TypeRef type) {
  return type && type->kind == TypeKind::record ? type->record : nullptr;
}
TypeRef element_of(TypeRef type) {
  return type && type->kind == TypeKind::list ? type->element : nullptr;
}

class Formatter {
 public:
  Formatter(std::string& out, const ValueFormat& format) : out_(out), format_(format) {}

  void value(const Value& v, TypeRef type, int depth) {
    switch (format_.syntax) {
      case ValueSyntax::text: text(v, type, depth); return;
      case ValueSyntax::json: json(v, type); return;
      case ValueSyntax::csv: csv(v); return;
    }
  }

 private:
  void text(const Value& v, TypeRef type, int depth) {
    if (depth > format_.max_depth) {
      out_ += "...";
      return;
    }
    std::visit(
        [&](const auto& x) {
          using X = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<X, Unknown>) {
            out_ += "unknown";
          } else if constexpr (std::is_same_v<X, bool>) {
            out_ += x ? "true" : "false";
          } else if constexpr (std::is_same_v<X, double>) {
            append_number(out_, x);
          } else if constexpr (std::is_same_v<X, std::string>) {
            text_value(x);
          } else if constexpr (std::is_same_v<X, Date>) {
            append_date(out_, x.days);
          } else if constexpr (std::is_same_v<X, ListPtr>) {
            if (format_.scalars_only) {
              out_ += "unknown";
              return;
            }
            out_ += '[';
            const std::size_t n = x ? x->size() : 0;
            for (std::size_t i = 0; i < n && i < format_.max_list_items; ++i) {
              if (i) out_ += ", ";
              text((*x)[i], element_of(type), depth + 1);
            }
            if (n > format_.max_list_items)
              out_ += fmt::format(", … {} more", n - format_.max_list_items);
            out_ += ']';
          } else if constexpr (std::is_same_v<X, RecordPtr>) {
            if (format_.scalars_only) {
              out_ += "unknown";
              return;
            }
            if (format_.opaque_records) {
              out_ += "{...}";
              return;
            }
            const RecordType* record = record_of(type);
            out_ += '{';
            for (std::size_t i = 0; x && i < x->fields.size(); ++i) {
              if (i) out_ += ", ";
              const FieldSchema* field = record && i < record->fields.size() ? &record->fields[i] : nullptr;
              if (field) {
                out_ += field->name;
                out_ += ": ";
              }
              text(x->fields[i], field ? field->type : nullptr, depth + 1);
            }
            out_ += '}';
          } else {
            static_assert(sizeof(X) == 0, "every kind of value is written");
          }
        },
        v.data);
  }

  void text_value(const std::string& s) {
    switch (format_.texts) {
      case TextStyle::quoted:
        out_ += '"';
        out_ += s;
        out_ += '"';
        return;
      case TextStyle::qpl_literal: out_ += quote(s); return;
      case TextStyle::json_string: append_json_string(out_, s); return;
      case TextStyle::terminal_bare: out_ += escape_for_terminal(s); return;
    }
  }

  void json(const Value& v, TypeRef type) {
    std::visit(
        [&](const auto& x) {
          using X = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<X, Unknown>) {
            out_ += "null";
          } else if constexpr (std::is_same_v<X, bool>) {
            out_ += x ? "true" : "false";
          } else if constexpr (std::is_same_v<X, double>) {
            append_number(out_, x);
          } else if constexpr (std::is_same_v<X, std::string>) {
            append_json_string(out_, x);
          } else if constexpr (std::is_same_v<X, Date>) {
            out_ += '"';  // a date's text is digits and '-': nothing to escape
            append_date(out_, x.days);
            out_ += '"';
          } else if constexpr (std::is_same_v<X, ListPtr>) {
            if (format_.scalars_only) {
              out_ += "null";
              return;
            }
            out_ += '[';
            for (std::size_t i = 0; x && i < x->size(); ++i) {
              if (i) out_ += ',';
              json((*x)[i], element_of(type));
            }
            out_ += ']';
          } else if constexpr (std::is_same_v<X, RecordPtr>) {
            if (format_.scalars_only) {
              out_ += "null";
              return;
            }
            const RecordType* record = record_of(type);
            if (!record) {  // no names to give: the values in slot order
              out_ += '[';
              for (std::size_t i = 0; x && i < x->fields.size(); ++i) {
                if (i) out_ += ',';
                json(x->fields[i], nullptr);
              }
              out_ += ']';
              return;
            }
            out_ += '{';
            for (std::size_t i = 0; x && i < x->fields.size() && i < record->fields.size(); ++i) {
              if (i) out_ += ',';
              append_json_string(out_, record->fields[i].name);
              out_ += ':';
              json(x->fields[i], record->fields[i].type);
            }
            out_ += '}';
          } else {
            static_assert(sizeof(X) == 0, "every kind of value is written");
          }
        },
        v.data);
  }

  void csv(const Value& v) {
    if (const auto* b = std::get_if<bool>(&v.data)) {
      out_ += *b ? "true" : "false";
    } else if (const auto* d = std::get_if<double>(&v.data)) {
      append_number(out_, *d);
    } else if (const auto* s = std::get_if<std::string>(&v.data)) {
      append_csv_text(out_, *s);
    } else if (const auto* date = std::get_if<Date>(&v.data)) {
      append_date(out_, date->days);
    }
    // unknown, a list or a record: an empty cell
  }

  std::string& out_;
  const ValueFormat& format_;
};

}  // namespace

void append_value(std::string& out, const Value& value, TypeRef type, const ValueFormat& format) {
  // A JSON scalar, as Formatter::json writes it, without its visit: the explain JSON writes a
  // hundred of them per lead.
  if (format.syntax == ValueSyntax::json) {
    if (const auto* b = std::get_if<bool>(&value.data)) {
      out += *b ? "true" : "false";
      return;
    }
    if (const auto* d = std::get_if<double>(&value.data)) {
      append_number(out, *d);
      return;
    }
    if (const auto* s = std::get_if<std::string>(&value.data)) {
      append_json_string(out, *s);
      return;
    }
    if (value.is_unknown()) {
      out += "null";
      return;
    }
  }
  // The same for the trace's text (comparisons, the text explanation): as Formatter::text writes
  // a quoted scalar at the top level.
  if (format.syntax == ValueSyntax::text && format.texts == TextStyle::quoted && format.max_depth >= 0) {
    if (const auto* d = std::get_if<double>(&value.data)) {
      append_number(out, *d);
      return;
    }
    if (const auto* s = std::get_if<std::string>(&value.data)) {
      out += '"';
      out += *s;
      out += '"';
      return;
    }
  }
  Formatter(out, format).value(value, type, 0);
}

std::string format_value(const Value& value, TypeRef type, const ValueFormat& format) {
  std::string out;
  append_value(out, value, type, format);
  return out;
}

}  // namespace qpl::present
