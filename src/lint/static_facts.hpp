#pragma once
// What can be known about an expression before any lead is read: the interval a number lies
// in, whether a value can be unknown, and which truth values a condition can take. Every
// answer is an over-approximation (sound): "never true" means no lead makes it true.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "model/policy.hpp"

namespace qpl::lint {

struct Interval {
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
  const ScoreInfo* score = nullptr;  // the score this bound comes from, for messages
  static Interval point(double v) { return {v, v, nullptr}; }
  bool bounded_above() const { return high < std::numeric_limits<double>::infinity(); }
  bool bounded_below() const { return low > -std::numeric_limits<double>::infinity(); }
};

// The truth values a condition can take, as a set (Kleene logic: true, false, unknown).
enum Truth : std::uint8_t { can_be_true = 1, can_be_false = 2, can_be_unknown = 4 };
using TruthSet = std::uint8_t;
inline bool never_true(TruthSet t) { return !(t & can_be_true); }
inline bool always_true(TruthSet t) { return t == can_be_true; }

// Why a condition is constant, for the message and its notes.
struct Reason {
  std::string text;                       // "'a' and 'b' cannot both hold"
  std::vector<std::pair<Span, std::string>> notes;
  bool from_score = false;                // decided by a score's static bounds
};

class StaticFacts {
 public:
  explicit StaticFacts(const CheckedPolicy& policy);

  // The interval of a number-valued (or date-valued, in days) expression.
  Interval range(const Expr& e);
  // Whether the expression can be unknown for some lead.
  bool may_be_unknown(const Expr& e);
  // The truth values a boolean expression can take.
  TruthSet truth(const Expr& e);
  // Why truth(e) is constant, when it is (computed on demand).
  Reason explain(const Expr& e);
  // The static bounds of a score: [min, max] of every value it can take.
  Interval score_bounds(std::uint32_t score);

  // `where` scopes while walking; the analysis of an element field reads them.
  void enter_where(const RecordType* element) { scopes_.push_back(element); }
  void leave_where() { scopes_.pop_back(); }
  const RecordType* element_record(const ListQuery& q) const;

 private:
  Interval compute_range(const Expr& e, int depth);
  bool compute_unknown(const Expr& e, int depth);
  TruthSet compute_truth(const Expr& e, int depth);
  Interval range_at(const Expr& e, int depth);
  bool unknown_at(const Expr& e, int depth);
  TruthSet truth_at(const Expr& e, int depth);
  TruthSet comparison_truth(BinaryOp op, const Interval& a, const Interval& b) const;
  std::optional<std::string> contradiction(const Expr& and_chain, Reason* why);
  const FieldSchema* field_of(const Ref& ref) const;
  const Expr* list_literal(const Expr& e, int depth) const;

  const CheckedPolicy& p_;
  std::vector<const RecordType*> scopes_;
  // Memo by expression id (ids are unique across the policy; a let or score body is always
  // analysed in the same scope, so one answer per id is right).
  std::vector<std::optional<Interval>> ranges_;
  std::vector<std::int8_t> unknowns_;  // -1 not yet computed
  std::vector<std::uint8_t> truths_;   // 0 not yet computed
  std::vector<std::optional<Interval>> score_bounds_;
  std::vector<bool> score_in_progress_;
};

// The expression's source text on one line (spaces collapsed), cut after `max` characters.
std::string source_excerpt(const CheckedPolicy& p, Span span, std::size_t max = 60);
// A number as people write it: 30, 12.5, "no limit" for infinities.
std::string show_number(double v);

}  // namespace qpl::lint
