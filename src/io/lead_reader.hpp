#pragma once
// Streaming lead readers: CSV, NDJSON and JSON arrays, bound to a policy's Schema.
// Each input record gives exactly one ReadItem, in input order: a bound record, or an error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "io/read_note.hpp"
#include "model/value.hpp"
#include "model/policy.hpp"

namespace qpl::io {

enum class InputFormat { csv, ndjson, json };

class KeyPresence;

struct ReadItem {
  std::uint64_t number = 0;  // 1-based record number (R44, R45), continuing across files
  bool ok = false;
  RecordValue record;        // when ok: one Value per field of schema.lead, by slot
  std::string error;         // when !ok: names the field, what was expected, what was found
  Value error_id;            // when !ok: the lead's `id` field (R46) if it could still be read
  std::uint32_t line = 0;    // first input line of the record (for messages)
  ReadNotes notes;           // when ok: values read as missing because they were unreadable
};

// An unreadable file, a `.json` that is not an array, invalid UTF-8 in a CSV header: exit 2.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A regular file a reader keeps open (its own descriptor) so that records can be read again by
// offset, on the thread that binds them: their bytes then never cross from core to core.
class RereadableFile {
 public:
  explicit RereadableFile(int fd, std::string name);  // duplicates fd
  ~RereadableFile();
  RereadableFile(const RereadableFile&) = delete;
  RereadableFile& operator=(const RereadableFile&) = delete;
  // Whether the descriptor could be duplicated (else the reader copies its records as before).
  bool usable() const { return fd_ >= 0; }
  // Reads [offset, offset + size) into `out` (resized, then followed by parser padding); false
  // when the file no longer holds those bytes (it was cut meanwhile).
  bool read(std::int64_t offset, std::size_t size, std::string& out) const;
  const std::string& name() const { return name_; }

 private:
  int fd_ = -1;
  std::string name_;
};

// A record read but not yet parsed (see LeadReader::next_unbound).
struct UnboundRecord {
  bool pending = false;  // true: `text` (or the file's bytes) still has to go through a RecordBinder
  InputFormat format = InputFormat::ndjson;
  std::string text;      // the record's bytes, then padding for the JSON parser (any content)
  std::size_t size = 0;  // of the record's bytes in `text`, or in the file
  KeyPresence* presence = nullptr;  // the file's, to note the keys the record has (JSON only)
  // Set when the record is left in its file: its bytes are `size` bytes at `offset`, not `text`.
  std::shared_ptr<const RereadableFile> file;
  std::int64_t offset = 0;
};

// Receives a warning about an input as a whole, before its records or at its end:
// `leads.csv:1: warning: column "Last Visit" (field last_visit) is not in the header`.
using InputWarningFn = std::function<void(const std::string& warning)>;

class LeadReader {
 public:
  virtual ~LeadReader() = default;
  // Without a handler, warnings are dropped.
  virtual void on_warning(InputWarningFn handler) { warn_ = std::move(handler); }
  // Fills `item` with the next record; false at the end of the input.
  virtual bool next(ReadItem& item) = 0;
  // Like next(), but a reader that can leaves the parsing and binding to a RecordBinder, maybe
  // on another thread: it sets `raw.pending` and only `item.number` and `item.line`. Binding
  // `raw` into `item` then gives exactly what next() would have (same errors).
  virtual bool next_unbound(ReadItem& item, UnboundRecord& raw) {
    raw.pending = false;
    return next(item);
  }
  // Lets next_unbound() leave a record of a regular file in the file (UnboundRecord::file)
  // instead of copying its bytes: for a caller that binds on other threads (eval --jobs).
  virtual void leave_records_in_file(bool on) { (void)on; }
  // Whether next() would now wait for more input (a pipe with nothing more in it yet), so the
  // caller can first write the results it holds. A guess that errs towards false is safe.
  virtual bool would_block() const { return false; }
  // For a JSON input: which of the policy's keys its records had, complete once every record
  // is bound (a warning at the end of the run names the keys none had). Null for CSV, whose
  // header says it all before the first record.
  virtual std::shared_ptr<KeyPresence> key_presence() const { return nullptr; }

 protected:
  void warn(const std::string& warning) const {
    if (warn_) warn_(warning);
  }

 private:
  InputWarningFn warn_;
};

// Binds the records next_unbound() left pending. One per thread: it owns a parser.
class RecordBinder {
 public:
  explicit RecordBinder(const Schema& schema);
  ~RecordBinder();
  RecordBinder(const RecordBinder&) = delete;
  RecordBinder& operator=(const RecordBinder&) = delete;
  // Sets item.ok and item.record or item.error; number and line are left as they are.
  void bind(const UnboundRecord& raw, ReadItem& item);
  // bind() for each pending record of raws[0..count), records left in one file read with one
  // read of the span they cover.
  void bind_all(const UnboundRecord* raws, ReadItem* items, std::size_t count);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// `stream` is read in large chunks and never rewound (stdin works). `name` is for messages.
// Record numbers start at `first_number`.
std::unique_ptr<LeadReader> open_lead_reader(InputFormat format, std::FILE* stream,
                                             std::string name, const Schema& schema,
                                             std::uint64_t first_number = 1);
// From the extension: .csv, .ndjson/.jsonl, .json; nullopt otherwise.
std::optional<InputFormat> format_from_extension(const std::string& path);

}  // namespace qpl::io
