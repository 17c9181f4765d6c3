#pragma once
// A stable, readable dump of the AST for golden tests and `--dump-ast`: one declaration part
// per line, indented, with its line:col; expressions as compact S-expressions.
#include <string>

#include "model/ast.hpp"
#include "support/source.hpp"

namespace qpl::syntax {

std::string dump_module(const Module& module, const SourceFile& file);
std::string dump_expr(const Expr& expr);

}  // namespace qpl::syntax
