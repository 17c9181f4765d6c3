#include "reader_check.hpp"

#include "fuzz_support.hpp"

namespace qpl::fuzz {

void check_reader(InputFormat format, const std::uint8_t* data, std::size_t size) {
  const CheckedPolicy& policy = policy_named("acme");
  const FilePtr stream = memory_stream(data, size);
  require(stream != nullptr, "cannot open a memory stream");
  std::unique_ptr<LeadReader> reader;
  try {
    reader = open_lead_reader(format, stream.get(), "fuzz", policy.schema, 1);
    ReadItem item;
    std::uint64_t expected = 1;
    // Every record is at least one input byte (a line, a row, an element), so a reader that
    // gives more items than bytes has lost track of its input.
    while (reader->next(item)) {
      require(item.number == expected++, "record numbers are consecutive from 1");
      require(item.number <= size + 1, "more records than input bytes");
      if (item.ok) {
        require(item.record.fields.size() == policy.schema.lead.fields.size(),
                "a bound record has one value per field");
      } else {
        require(!item.error.empty(), "an error record says what is wrong");
      }
    }
  } catch (const InputError& e) {
    require(e.what()[0] != '\0', "an input error says what is wrong");
  }
}

}  // namespace qpl::fuzz
