#pragma once
// What `eval` notices in the data while it runs, so that nothing is misread silently:
//   - values read as missing because they were unreadable (`unreadable missing`), per field;
//   - text literals of the policy compared with a text field that the data matches only when
//     case or surrounding white space is ignored ("Fintech" against "fintech").
// Fed every record on the main thread; reports once per field and literal at the end.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/lead_reader.hpp"
#include "model/policy.hpp"

namespace qpl::cli {

class DataWatch {
 public:
  explicit DataWatch(const CheckedPolicy& policy);
  void observe(const ReadItem& item);
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
    // Distinct values met (bounded, except for the loose matches that will be reported).
    std::unordered_map<std::string, Seen, TransparentHash, std::equal_to<>> seen;
  };
  struct Unreadable {
    std::string field;
    std::uint64_t count = 0;
    std::uint64_t first_record = 0;
    std::string first_message;
  };

  void watch_comparison(const Expr& field, const Expr& literal);
  int loose_match(const WatchedField& watched, const std::string& value) const;
  std::string case_warning(const WatchedField& watched, std::size_t literal) const;

  const CheckedPolicy& policy_;
  std::vector<WatchedField> fields_;
  std::vector<Unreadable> unreadable_;
};

}  // namespace qpl::cli
