#include "io/input_buffer.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <simdjson.h>

#include "io/lead_reader.hpp"
#include "io/limits.hpp"

namespace qpl {

InputBuffer::InputBuffer(std::FILE* stream, std::string name)
    : stream_(stream), name_(std::move(name)) {}

bool InputBuffer::fill() {
  if (eof_) return false;
  const std::size_t pending = end_ - begin_;
  if (pending >= io_limits::max_record_bytes + io_limits::chunk_bytes)
    throw InputError(fmt::format("'{}': a record is larger than {} MiB", name_,
                                 io_limits::max_record_bytes >> 20));
  // Keep the pending bytes, drop the consumed ones, make room for one more chunk.
  if (pending + io_limits::chunk_bytes > capacity_) {
    const std::size_t capacity = std::max(capacity_ * 2, pending + io_limits::chunk_bytes);
    // The padding lets simdjson parse a record in place (its content does not matter).
    auto storage = std::make_unique<char[]>(capacity + simdjson::SIMDJSON_PADDING);
    if (pending) std::memcpy(storage.get(), storage_.get() + begin_, pending);
    storage_ = std::move(storage);
    capacity_ = capacity;
  } else if (begin_ > 0) {
    std::memmove(storage_.get(), storage_.get() + begin_, pending);
  }
  begin_ = 0;
  end_ = pending;
  const std::size_t got = std::fread(storage_.get() + end_, 1, io_limits::chunk_bytes, stream_);
  end_ += got;
  if (got < io_limits::chunk_bytes) {
    if (std::ferror(stream_))
      throw InputError(fmt::format("'{}': cannot read: {}", name_, std::strerror(errno)));
    eof_ = true;
  }
  return got > 0;
}

}  // namespace qpl
