#pragma once
// What `eval` notices in the data while it runs, so that nothing is misread silently:
//   - values read as missing because they were unreadable (`unreadable missing`), per field;
//   - text literals of the policy compared with a text field that the data matches only when
//     case or surrounding white space is ignored ("Fintech" against "fintech");
//   - an export older than a year judged as of the real today: every lead then reads as old
//     (`judge_ages_from`).
// Fed every record; reports once per field and literal at the end. With threads, each keeps a
// copy (made before the first record) and the copies are merged: the reports do not depend on
// which thread saw which record.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/lead_reader.hpp"
#include "model/policy.hpp"

namespace qpl::stream {

class DataWatch {
 public:
  explicit DataWatch(const CheckedPolicy& policy);
  // Called when the run judges ages from the real clock (no --as-of) and the policy counts days
  // from today: the dates of the leads are then watched, and a file whose latest date is more
  // than a year before `today` gets a warning that suggests --as-of.
  void judge_ages_from(std::int32_t today);
  void observe(const io::ReadItem& item);
  // Adds what `other`, a copy of this watch fed other records, has seen.
  void merge(const DataWatch& other);
  // One line each ("budget: 2 unreadable values read as missing (...)"), in a stable order;
  // the location of the policy's literal leads the case warnings.
  std::vector<std::string> warnings() const;
  // The counts for --summary: "  read as missing (unreadable): 3 (budget 2, seen 1)".
  std::string summary() const;

 private:
  struct Literal {
    std::string text;
    std::string folded;  // lower-cased and trimmed
    Span span;
  };
  struct Seen {
    int literal = -1;  // the literal it matches only loosely, or -1
    std::uint64_t count = 0;
  };
  struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct WatchedField {
    std::uint32_t slot = 0;
    std::vector<Literal> literals;
    std::size_t longest_folded = 0;   // of the literals' folded texts, in bytes
    std::uint64_t folded_sizes = 0;   // bit n: a folded literal of n bytes (63: 63 or more)
    std::array<std::string, 16> recent_clean;  // values met that match no literal loosely
    // The values that match a literal loosely (all are reported), and non-ASCII values that
    // do not (a bounded cache: their lower-casing allocates).
    std::unordered_map<std::string, Seen, TransparentHash, std::equal_to<>> seen;
  };
  struct Unreadable {
    std::string field;
    std::uint64_t count = 0;
    std::uint64_t first_record = 0;
    std::string first_message;
  };

  void watch_comparison(const Expr& field, const Expr& literal);
  // False when `trimmed` cannot match any literal loosely, from its length alone (cheap).
  static std::size_t recent_slot(std::string_view value) {
    if (value.empty()) return 0;
    return (value.size() * 7 + static_cast<unsigned char>(value.front()) * 3 +
            static_cast<unsigned char>(value.back())) & 15;
  }
  static bool may_match(const WatchedField& watched, std::string_view trimmed);
  int loose_match(const WatchedField& watched, std::string_view value) const;
  std::string case_warning(const WatchedField& watched, std::size_t literal) const;

  struct WatchedDate {
    std::uint32_t slot = 0;
    std::int32_t latest = 0;
    bool seen = false;
  };
  std::string stale_dates_warning() const;

  const CheckedPolicy& policy_;
  std::vector<WatchedField> fields_;
  std::optional<std::int32_t> today_;  // set by judge_ages_from
  std::vector<WatchedDate> dates_;
  std::vector<Unreadable> unreadable_;
};

}  // namespace qpl::stream
