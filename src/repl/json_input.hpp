#pragma once
// `:set events = [{"type": "webinar", "day": "2026-11-02"}]`: QPL has no record literals, so a
// field that holds records takes its value as JSON, bound as a lead file's JSON would be.
#include <optional>
#include <string>
#include <string_view>

#include "model/policy.hpp"
#include "model/value.hpp"

namespace qpl::repl {

// Whether VALUE is written as JSON records: it starts with '{', or with '[' then '{'.
bool looks_like_json_records(std::string_view text);

// The field's value read from JSON text; nullopt with `error` set ("events[0].day: ...") when
// the text is not JSON or does not fit the field's type.
std::optional<Value> value_from_json(const FieldSchema& field, const Schema& schema,
                                     std::string_view text, std::string& error);

}  // namespace qpl::repl
