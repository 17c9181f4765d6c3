#pragma once
// Turns a test block's `lead { ... }` literal into a lead record, checked against the schema as
// strictly as a CRM export is (R39, R41, R50): a wrong type or a missing required field is an
// error the test reports as its failure.
#include <optional>
#include <string>

#include "model/ast.hpp"
#include "model/policy.hpp"
#include "model/value.hpp"

namespace qpl::runner {

struct LiteralLeadError {
  Span span;
  std::string message;  // "company_size: expected a number, got \"fifty\""
};

// Fills `out` (one Value per field of schema.lead) or returns the first error.
std::optional<LiteralLeadError> lead_from_literal(const LiteralValue& lead, const Schema& schema,
                                                  RecordValue& out);

// A literal as a runtime value of `type` (for `expect` values and REPL input); nullopt when the
// literal does not fit the type. With a field's `reading`, a text is trimmed and lower-cased as
// the field declares.
std::optional<Value> value_from_literal(const LiteralValue& v, TypeRef type, const Schema& schema,
                                        std::string* error = nullptr,
                                        const FieldReading* reading = nullptr);

}  // namespace qpl::runner
