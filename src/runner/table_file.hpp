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

namespace qpl::runner {

// One expectation cell. CSV cells are text; a JSON value that is not a string comes as a literal.
struct TableCell {
  std::string text;
  std::optional<LiteralValue> literal;
};

// A mistake in the table itself, found while reading it: a case without a name, two cases with
// one name, an expectation column that names nothing. Offsets are bytes of `TableExpectations::text`.
struct TableProblem {
  enum class Kind : std::uint8_t { case_name, column } kind;
  std::size_t begin = 0, end = 0;  // the cell
  std::string message;
  std::string help;
  std::optional<std::size_t> first;  // a duplicate: where the first one is
};

struct TableExpectations {
  std::string text;  // the file as read (without a byte order mark): problems point into it
  std::vector<TableProblem> problems;

  std::vector<std::string> headers;  // as written: "expected_stage", "expect bant.budget"
  // rows[record number - 1][header index]; nullopt: no expectation for that row
  std::vector<std::vector<std::optional<TableCell>>> rows;
  // ids[record number - 1]: the row's id cell as written, to name a row the reader rejects
  std::vector<std::string> ids;
};

// The expression an expectation header names ("expected_stage" -> "stage", "expect a.b" ->
// "a.b"); nullopt when the header is an ordinary column.
std::optional<std::string> expectation_expression(std::string_view header);
// A header with an expectation's prefix and nothing after it: "expected_", "expect".
bool is_empty_expectation(std::string_view header);

// Reads the file's expectation columns, and the `id_column` cells when it is not empty; the
// error says why the file cannot be read.
std::optional<std::string> read_table_expectations(const std::string& path, io::InputFormat format,
                                                   std::string_view id_column,
                                                   TableExpectations& out);

}  // namespace qpl::runner
