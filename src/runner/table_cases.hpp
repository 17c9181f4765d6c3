#pragma once
// Table-driven tests (`leads from "cases.csv"`): the file's expectation columns, each header
// parsed as an operand (R9) and checked against the policy, and each cell read as a value of
// that operand's type.
#include <optional>
#include <string>
#include <vector>

#include "io/lead_reader.hpp"
#include "model/ast.hpp"
#include "model/policy.hpp"
#include "support/diagnostic.hpp"
#include "runner/table_file.hpp"

namespace qpl::runner {

struct ExpectationColumn {
  std::string header;
  ExprPtr expr;          // checked; null when the header is in error
  bool stage = false;    // `stage`: the funnel's answer
  bool because = false;  // `because`: the deciding funnel line's because text
  std::string text;      // the expression as written
  std::optional<std::string> error;
};

struct TablePlan {
  std::string path;  // the file, relative to the policy file's folder
  std::optional<io::InputFormat> format;
  std::optional<std::string> error;  // the file cannot be read
  std::vector<ExpectationColumn> columns;  // one per expectations.headers
  TableExpectations expectations;
  // Mistakes in the table itself (a case without a name, two cases with one name, a column
  // that names nothing), each at its cell in the file (added to the policy's sources), with a
  // note at the test's `leads from` line.
  Diagnostics problems;
};

// Reads the table's expectation columns and checks their headers (before an Evaluator is built:
// checking numbers the new expressions from policy.expr_count on).
TablePlan prepare_table(CheckedPolicy& policy, const TestDecl& test);

// The value `cell` spells for `column`; nullopt with `error` set when it does not fit.
std::optional<LiteralValue> cell_literal(const CheckedPolicy& policy, const ExpectationColumn& column,
                                         const TableCell& cell, std::string& error);

}  // namespace qpl::runner
