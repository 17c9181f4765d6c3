#include "model/schema_equal.hpp"

namespace qpl {
namespace {

constexpr int max_depth = 64;  // record types nest; a deeper pair is taken as different

bool same_record(const RecordType& a, const RecordType& b, int depth);

bool same_type(TypeRef a, TypeRef b, int depth) {
  if (a == nullptr || b == nullptr) return a == b;
  if (depth > max_depth || a->kind != b->kind || a->values != b->values) return false;
  if ((a->element == nullptr) != (b->element == nullptr)) return false;
  if (a->element != nullptr && !same_type(a->element, b->element, depth + 1)) return false;
  if ((a->record == nullptr) != (b->record == nullptr)) return false;
  return a->record == nullptr || same_record(*a->record, *b->record, depth + 1);
}

bool same_record(const RecordType& a, const RecordType& b, int depth) {
  if (a.fields.size() != b.fields.size()) return false;
  for (std::size_t i = 0; i < a.fields.size(); ++i) {
    const FieldSchema& x = a.fields[i];
    const FieldSchema& y = b.fields[i];
    // The options too: `lower` added to a field reads other values (`qualify diff` must then
    // read each record once per policy).
    if (x.name != y.name || x.source != y.source || x.path != y.path || x.optional != y.optional ||
        !same_reading(x.reading, y.reading) || !same_type(x.type, y.type, depth)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool same_schema(const Schema& a, const Schema& b) {
  return a.id_field == b.id_field && a.missing_values == b.missing_values &&
         same_record(a.lead, b.lead, 0);
}

}  // namespace qpl
