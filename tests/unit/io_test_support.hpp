#pragma once
// Hand-built schemas and whole-input reads for the io tests.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "io/lead_reader.hpp"
#include "model/policy.hpp"
#include "model/types.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"

namespace qpl::io_test {

struct TestSchema {
  TypeTable types;
  Schema schema;

  static FieldSchema make_field(std::string name, TypeRef type, bool optional,
                                std::string source) {
    FieldSchema field;
    field.name = std::move(name);
    field.source = source.empty() ? field.name : std::move(source);
    std::string_view rest = field.source;
    for (;;) {
      const auto dot = rest.find('.');
      field.path.emplace_back(rest.substr(0, dot));
      if (dot == std::string_view::npos) break;
      rest.remove_prefix(dot + 1);
    }
    field.type = type;
    field.optional = optional;
    return field;
  }
  TestSchema& field(std::string name, TypeRef type, bool optional = false,
                    std::string source = {}) {
    schema.lead.fields.push_back(make_field(std::move(name), type, optional, std::move(source)));
    return *this;
  }
  RecordType& record(std::string name) {
    schema.records.emplace_back();
    schema.records.back().name = std::move(name);
    return schema.records.back();
  }
};

// A FILE* holding `text`; closed by the caller.
inline std::FILE* file_with(std::string_view text) {
  std::FILE* f = std::tmpfile();
  std::fwrite(text.data(), 1, text.size(), f);
  std::rewind(f);
  return f;
}

inline std::vector<io::ReadItem> read_all(io::InputFormat format, std::string_view text,
                                      const Schema& schema, std::uint64_t first = 1) {
  std::FILE* f = file_with(text);
  std::vector<io::ReadItem> items;
  try {
    auto reader = io::open_lead_reader(format, f, "test", schema, first);
    io::ReadItem item;
    while (reader->next(item)) items.push_back(item);
  } catch (...) {
    std::fclose(f);
    throw;
  }
  std::fclose(f);
  return items;
}

// The records of a CSV named leads.csv, and the warnings its reader gave.
struct WarnedRead {
  std::vector<io::ReadItem> items;
  std::vector<std::string> warnings;
};

inline WarnedRead read_warned(std::string_view text, const Schema& schema) {
  std::FILE* f = file_with(text);
  WarnedRead out;
  try {
    auto reader = io::open_lead_reader(io::InputFormat::csv, f, "leads.csv", schema);
    reader->on_warning([&out](const std::string& w) { out.warnings.push_back(w); });
    io::ReadItem item;
    while (reader->next(item)) out.items.push_back(item);
  } catch (...) {
    std::fclose(f);
    throw;
  }
  std::fclose(f);
  return out;
}

// A value as tests compare it: 12, "abc", true, 2026-01-01, unknown, [..], {..}.
inline std::string show(const Value& v) {
  struct Visitor {
    std::string operator()(Unknown) const { return "unknown"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(double d) const { return format_number(d); }
    std::string operator()(const std::string& s) const { return '"' + s + '"'; }
    std::string operator()(Date d) const { return format_date(d.days); }
    std::string operator()(const ListPtr& l) const {
      std::string out = "[";
      for (std::size_t i = 0; i < l->size(); ++i) out += (i ? ", " : "") + show((*l)[i]);
      return out + "]";
    }
    std::string operator()(const RecordPtr& r) const {
      std::string out = "{";
      for (std::size_t i = 0; i < r->fields.size(); ++i)
        out += (i ? ", " : "") + show(r->fields[i]);
      return out + "}";
    }
  };
  return std::visit(Visitor{}, v.data);
}

inline std::string show(const io::ReadItem& item) {
  if (!item.ok) return "error: " + item.error;
  std::string out;
  for (std::size_t i = 0; i < item.record.fields.size(); ++i)
    out += (i ? " " : "") + show(item.record.fields[i]);
  return out;
}

}  // namespace qpl::io_test
