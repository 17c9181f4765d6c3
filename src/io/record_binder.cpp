#include "io/lead_reader.hpp"

#include "io/json_binder.hpp"
#include "io/json_document.hpp"

namespace qpl::io {

struct RecordBinder::State {
  explicit State(const Schema& schema) : binder(schema) {}
  JsonDocumentParser parser;
  JsonBinder binder;
};

RecordBinder::RecordBinder(const Schema& schema) : state_(std::make_unique<State>(schema)) {}

RecordBinder::~RecordBinder() = default;

void RecordBinder::bind(const UnboundRecord& raw, ReadItem& item) {
  // Only NDJSON defers its records for now; its binding is NdjsonReader::next()'s.
  item.error.clear();
  simdjson::dom::element root;
  const bool parsed = state_->parser.parse(raw.text.data(), raw.size, root, item.error);
  item.ok = parsed && state_->binder.bind_lead(root, item.record, item.error, item.notes);
  if (!item.ok) state_->binder.read_id(parsed ? &root : nullptr, item.error_id);
  if (parsed && raw.presence != nullptr) state_->binder.note_presence(root, item.number, *raw.presence);
}

}  // namespace qpl::io
