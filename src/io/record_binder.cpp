#include "io/lead_reader.hpp"

#include <unistd.h>

#include <cerrno>

#include <simdjson.h>

#include "io/json_binder.hpp"
#include "io/json_document.hpp"

namespace qpl::io {

RereadableFile::RereadableFile(int fd, std::string name) : fd_(::dup(fd)), name_(std::move(name)) {}

RereadableFile::~RereadableFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool RereadableFile::read(std::int64_t offset, std::size_t size, std::string& out) const {
  if (fd_ < 0) return false;
  out.resize(size + simdjson::SIMDJSON_PADDING);
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::pread(fd_, out.data() + got, size - got, static_cast<off_t>(offset) + static_cast<off_t>(got));
    if (n > 0) {
      got += static_cast<std::size_t>(n);
    } else if (n == 0 || errno != EINTR) {
      return false;
    }
  }
  return true;
}

struct RecordBinder::State {
  explicit State(const Schema& schema) : binder(schema) {}
  JsonDocumentParser parser;
  JsonBinder binder;
  std::string bytes;  // records read again from their file

  // `data` is followed by simdjson::SIMDJSON_PADDING readable bytes.
  void bind(const char* data, std::size_t size, KeyPresence* presence, ReadItem& item) {
    item.error.clear();
    simdjson::dom::element root;
    const bool parsed = parser.parse(data, size, root, item.error);
    item.ok = parsed && binder.bind_lead(root, item.record, item.error, item.notes);
    if (!item.ok) binder.read_id(parsed ? &root : nullptr, item.error_id);
    if (parsed && presence != nullptr) binder.note_presence(root, item.number, *presence);
  }

  void file_changed(const RereadableFile& file, ReadItem& item) {
    item.ok = false;
    item.error = "'" + file.name() + "' changed while it was read: the record's bytes are no longer there";
    item.error_id.data = Unknown{Fault::missing};
  }
};

RecordBinder::RecordBinder(const Schema& schema) : state_(std::make_unique<State>(schema)) {}

RecordBinder::~RecordBinder() = default;

void RecordBinder::bind(const UnboundRecord& raw, ReadItem& item) {
  // Only NDJSON defers its records for now; its binding is NdjsonReader::next()'s.
  if (!raw.file) return state_->bind(raw.text.data(), raw.size, raw.presence, item);
  if (!raw.file->read(raw.offset, raw.size, state_->bytes)) return state_->file_changed(*raw.file, item);
  state_->bind(state_->bytes.data(), raw.size, raw.presence, item);
}

void RecordBinder::bind_all(const UnboundRecord* raws, ReadItem* items, std::size_t count) {
  for (std::size_t i = 0; i < count;) {
    if (!raws[i].pending) {
      ++i;
      continue;
    }
    if (!raws[i].file) {
      bind(raws[i], items[i]);
      ++i;
      continue;
    }
    // The run of records that follow one another in the same file: one read for all of them
    // (the bytes between two records, blank lines, are read too and skipped).
    const RereadableFile& file = *raws[i].file;
    const std::int64_t begin = raws[i].offset;
    std::int64_t end = begin + static_cast<std::int64_t>(raws[i].size);
    std::size_t last = i;
    // A span stops growing past a few MiB: huge records are read one at a time, not 64 at once.
    constexpr std::int64_t max_span = std::int64_t(4) << 20;
    while (last + 1 < count && raws[last + 1].pending && raws[last + 1].file.get() == &file &&
           raws[last + 1].offset >= end &&
           raws[last + 1].offset + static_cast<std::int64_t>(raws[last + 1].size) - begin <= max_span) {
      ++last;
      end = raws[last].offset + static_cast<std::int64_t>(raws[last].size);
    }
    if (!file.read(begin, static_cast<std::size_t>(end - begin), state_->bytes)) {
      for (std::size_t k = i; k <= last; ++k) state_->file_changed(file, items[k]);
    } else {
      for (std::size_t k = i; k <= last; ++k)
        state_->bind(state_->bytes.data() + (raws[k].offset - begin), raws[k].size, raws[k].presence, items[k]);
    }
    i = last + 1;
  }
}

}  // namespace qpl::io
