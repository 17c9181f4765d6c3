#include "reader_check.hpp"

#include "fuzz_support.hpp"
#include "sema/load.hpp"

namespace qpl::fuzz {

namespace {

// Every field option on every type it fits (docs/language.md, "Reading messy values"), for
// the same columns as acme's where it can: the readers' option paths get the fuzzer's bytes too.
constexpr const char* messy_policy_text = R"(
fields {
  id:               text trim
  company_size:     number? format "1 000,00" unreadable missing
  industry:         text? lower trim
  seniority:        one of ("ic", "manager", "director", "vp", "c_level")? lower trim unreadable missing
  budget:           number? format "1,000" unreadable missing
  last_activity_at: date? format "DD/MM/YYYY" unreadable missing
  timeline_days:    number? format "1.000,00"
  events:           list of event?
  missing values "", "N/A"
}
record event {
  type: text lower trim
  day:  date? format "D.M.YYYY" unreadable missing
}
funnel {
  lead otherwise
}
)";

const CheckedPolicy& messy_policy() {
  static const std::unique_ptr<CheckedPolicy> policy = [] {
    sema::LoadResult loaded = sema::load_policy_text("messy.qpl", messy_policy_text);
    if (!loaded.ok()) fail("the reader targets' policy with field options does not load");
    return std::move(loaded.policy);
  }();
  return *policy;
}

void read_all(io::InputFormat format, const std::uint8_t* data, std::size_t size,
              const CheckedPolicy& policy) {
  const FilePtr stream = memory_stream(data, size);
  require(stream != nullptr, "cannot open a memory stream");
  std::unique_ptr<io::LeadReader> reader;
  try {
    reader = io::open_lead_reader(format, stream.get(), "fuzz", policy.schema, 1);
    io::ReadItem item;
    std::uint64_t expected = 1;
    // Every record is at least one input byte (a line, a row, an element), so a reader that
    // gives more items than bytes has lost track of its input.
    while (reader->next(item)) {
      require(item.number == expected++, "record numbers are consecutive from 1");
      require(item.number <= size + 1, "more records than input bytes");
      if (item.ok) {
        require(item.record.fields.size() == policy.schema.lead.fields.size(),
                "a bound record has one value per field");
        for (const io::ReadNote& note : item.notes)
          require(!note.field.empty() && !note.message.empty(),
                  "a value read as missing names its field and why");
      } else {
        require(!item.error.empty(), "an error record says what is wrong");
      }
    }
  } catch (const io::InputError& e) {
    require(e.what()[0] != '\0', "an input error says what is wrong");
  }
}

}  // namespace

void check_reader(io::InputFormat format, const std::uint8_t* data, std::size_t size) {
  read_all(format, data, size, policy_named("acme"));
  read_all(format, data, size, messy_policy());
}

}  // namespace qpl::fuzz
