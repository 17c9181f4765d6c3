#pragma once
// The expectation columns of a table-driven test's file (`leads from "cases.csv"`). The lead
// reader binds a row's fields by the schema and ignores other columns, so the `expect EXPR` and
// `expected_NAME` columns are read here, row by row, numbered as the reader numbers records.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/lead_reader.hpp"
#include "model/ast.hpp"

namespace qpl {

// One expectation cell. CSV cells are text; a JSON value that is not a string comes as a literal.
struct TableCell {
  std::string text;
  std::optional<LiteralValue> literal;
};

struct TableExpectations {
  std::vector<std::string> headers;  // as written: "expected_stage", "expect bant.budget"
  // rows[record number - 1][header index]; nullopt: no expectation for that row
  std::vector<std::vector<std::optional<TableCell>>> rows;
  // ids[record number - 1]: the row's id cell as written, to name a row the reader rejects
  std::vector<std::string> ids;
};

// The expression an expectation header names ("expected_stage" -> "stage", "expect a.b" ->
// "a.b"); nullopt when the header is an ordinary column.
std::optional<std::string> expectation_expression(std::string_view header);

// Reads the file's expectation columns, and the `id_column` cells when it is not empty; the
// error says why the file cannot be read.
std::optional<std::string> read_table_expectations(const std::string& path, InputFormat format,
                                                   std::string_view id_column,
                                                   TableExpectations& out);

}  // namespace qpl
