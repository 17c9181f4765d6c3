#include "io/input_buffer.hpp"

#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "support/read_file.hpp"
#include <simdjson.h>

#include "io/lead_reader.hpp"
#include "io/limits.hpp"

namespace qpl::io {

InputBuffer::InputBuffer(std::FILE* stream, std::string name)
    : stream_(stream), name_(std::move(name)), next_chunk_(limits::first_chunk_bytes) {
  fd_ = stream_ ? ::fileno(stream_) : -1;
  struct stat info {};
  if (fd_ >= 0 && ::fstat(fd_, &info) == 0) may_block_ = !S_ISREG(info.st_mode);
  // Where reading begins in the file: the stream's own position, which counts what its buffer
  // may already hold (the descriptor's offset would not).
  if (fd_ >= 0 && !may_block_) {
    const off_t at = ::ftello(stream_);
    if (at >= 0) start_offset_ = at;
  }
}

bool InputBuffer::would_block() const {
  if (!may_block_ || eof_) return false;
  pollfd p{fd_, POLLIN, 0};
  return ::poll(&p, 1, 0) == 0;  // an error, a hang-up or data: a read returns at once
}

bool InputBuffer::has_line_break() const {
  return end_ > begin_ && std::memchr(data(), '\n', size()) != nullptr;
}

// fread on a pipe waits until the whole chunk has arrived; read(2) returns what is there, so
// a record written to a pipe is evaluated without waiting for the next ones.
std::size_t InputBuffer::read_some(char* into, std::size_t count) {
  if (!may_block_) {
    const std::size_t got = std::fread(into, 1, count, stream_);
    if (got < count) {
      if (std::ferror(stream_))
        throw InputError(fmt::format("'{}': cannot read: {}", name_, system_error_text(errno)));
      eof_ = true;
    }
    return got;
  }
  for (;;) {
    const ssize_t got = ::read(fd_, into, count);
    if (got > 0) return static_cast<std::size_t>(got);
    if (got == 0) {
      eof_ = true;
      return 0;
    }
    if (errno != EINTR)
      throw InputError(fmt::format("'{}': cannot read: {}", name_, system_error_text(errno)));
  }
}

bool InputBuffer::fill() {
  if (eof_) return false;
  const std::size_t pending = end_ - begin_;
  if (pending >= limits::max_record_bytes + limits::chunk_bytes)
    throw InputError(fmt::format("'{}': a record is larger than {} MiB", name_,
                                 limits::max_record_bytes >> 20));
  // Keep the pending bytes, drop the consumed ones, make room for one more chunk.
  const std::size_t chunk = next_chunk_;
  next_chunk_ = std::min(next_chunk_ * 2, limits::chunk_bytes);
  if (pending + chunk > capacity_) {
    const std::size_t capacity = std::max(capacity_ * 2, pending + chunk);
    // Not zero-filled: only bytes read in are looked at. The padding lets simdjson parse a
    // record in place; it is cleared after each read below.
    auto storage = std::make_unique_for_overwrite<char[]>(capacity + simdjson::SIMDJSON_PADDING);
    if (pending) std::memcpy(storage.get(), storage_.get() + begin_, pending);
    storage_ = std::move(storage);
    capacity_ = capacity;
  } else if (begin_ > 0) {
    std::memmove(storage_.get(), storage_.get() + begin_, pending);
  }
  begin_ = 0;
  end_ = pending;
  const std::size_t got = read_some(storage_.get() + end_, chunk);
  end_ += got;
  // simdjson reads up to its padding past a record's end; those bytes must be initialised.
  std::memset(storage_.get() + end_, 0, simdjson::SIMDJSON_PADDING);
  return got > 0;
}

}  // namespace qpl::io
