#pragma once
// The compiled program: a checked policy lowered once into flat typed operations, run on every
// lead when no trace is asked. Its values are `Slot`s, plain data that own nothing (texts are
// views into the lead, the program's constants or a per-operation buffer), so the hot path
// copies no std::variant and allocates nothing once its buffers have grown. Kleene readings and
// faults are exactly the tree walk's (evaluator.cpp); the forms it does not lower (list queries,
// regexes, records, computed lists, min/max) run through the tree walk as `tree` operations.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "model/ast.hpp"
#include "model/policy.hpp"
#include "model/value.hpp"
#include "support/text_words.hpp"

namespace qpl::eval {

// One value of the program. `unknown` carries its fault, as Unknown does. Sixteen bytes, so
// that it is returned in two registers: a wider Slot went through the stack, and reading it back
// cost more than most operations themselves.
struct Slot {
  enum class Kind : std::uint8_t { unknown, boolean, number, text, date, other };
  Kind kind = Kind::unknown;
  Fault fault = Fault::missing;
  bool b = false;
  union {
    std::int32_t day = 0;
    std::uint32_t text_size;  // texts are views into a record or buffer far below 4 GiB
  };
  union {
    double n = 0;
    const char* text_data;
    const Value* value;  // `other`: a list or a record, owned elsewhere
  };

  bool is_unknown() const { return kind == Kind::unknown; }
  bool is_true() const { return kind == Kind::boolean && b; }
  bool is_false() const { return kind == Kind::boolean && !b; }
  std::string_view text() const { return {text_data, text_size}; }
  void set_text(std::string_view t) {
    text_data = t.data();
    text_size = static_cast<std::uint32_t>(t.size());
  }
};
static_assert(sizeof(Slot) == 16);

enum class OpCode : std::uint8_t {
  constant,     // `constant`
  today,
  lead_field,   // index
  let, icp, score, check, grade,  // index
  not_, negate,            // a
  and_, or_, otherwise,    // a, b
  compare,      // binary: a, b
  text_test,    // binary: contains, starts with, ends with
  arithmetic,   // binary: + - * / %
  join,         // a, b: `text + text`
  date_shift,   // a: the date; k: days to add
  in_texts,     // a: the value; texts (a constant list of texts); flag: `not in`
  in_list,      // a: the value; items: constant elements (numbers, dates, bools); flag: `not in`
  between,      // a, b, c
  is_missing,   // a; flag: `is present`
  within,       // a; k: days
  builtin,      // a; builtin: one argument, computed by its row of model/builtins.hpp
  group_checks, // items: check indices; quantifier, k
  group_items,  // items: ops
  tree,         // expr: evaluated by the tree walk
};

struct Op {
  OpCode code = OpCode::constant;
  BinaryOp binary = BinaryOp::eq;
  Builtin builtin = Builtin::unresolved;
  GroupQuantifier quantifier = GroupQuantifier::at_least;
  bool flag = false;
  bool shared = false;  // an operand of several operations: its value is kept for the lead
  std::uint32_t a = 0, b = 0, c = 0;
  std::uint32_t index = 0;
  std::int64_t k = 0;
  Slot constant;
  std::vector<std::uint32_t> items;
  std::vector<std::string_view> texts;           // in_texts, small lists
  std::vector<TextWords> text_words;             // in_texts, small lists: each text's words
  std::unordered_set<std::string_view> text_set;  // in_texts, long lists
  const Expr* expr = nullptr;  // tree
};

// The tree walk, for the operations the program leaves to it.
class TreeWalk {
 public:
  virtual const Value& eval_tree(const Expr& e, Value& out) = 0;
  // A decaying rule's `per` value (the sum of its elements' decay factors).
  virtual const Value& eval_decayed_per(const ScoreRule& rule, Value& out) = 0;

 protected:
  ~TreeWalk() = default;
};

struct ScoreRuleProgram {
  std::uint32_t when = 0;  // an op; `has_when` false: always
  bool has_when = false;
  std::uint32_t per = 0;
  bool has_per = false;
  bool decays = false;  // `per LIST decaying ...`: the tree walk computes the per value
  double points = 0;
  std::optional<double> up_to;
  const ScoreRule* decl = nullptr;  // for its `from DATE until DATE` window
};

struct ScoreProgram {
  std::vector<ScoreRuleProgram> rules;
  std::optional<double> low, high;
};

struct IcpClauseProgram {
  std::uint32_t condition = 0;
  bool exclude = false;
};

// A grade's lines (a condition op each) or bands' bounds (with the op of the number they cut);
// the last line is the `otherwise` line.
struct GradeProgram {
  bool bands = false;
  std::uint32_t of = 0;  // bands: the number
  struct Line {
    std::uint32_t condition = 0;  // grade: an op
    double below = 0;             // bands
    bool otherwise = false;
    std::string_view label;       // into the policy's declaration
  };
  std::vector<Line> lines;
};

// The lowered policy. Operations whose operands are all constants are folded into constants
// when it is built (by the runner itself: the values and faults any lead would get; not the
// operations that read `today`). Immutable once built; `ProgramRunner` keeps the per-lead state. Its
// constant texts are views into the policy's literals: the policy must outlive it.
struct Program {
  std::vector<Op> ops;
  std::vector<std::uint32_t> lets, checks;  // the op of each let's value, each check's condition
  std::vector<std::vector<IcpClauseProgram>> icps;
  std::vector<ScoreProgram> scores;
  std::vector<GradeProgram> grades;
  std::vector<std::uint32_t> funnel;  // each line's condition op; `otherwise_line` for none
  static constexpr std::uint32_t otherwise_line = UINT32_MAX;
  std::vector<std::uint32_t> recycles;  // each recycle line's condition op
  int previous_slot = -1;               // the lead's remembered `previous`, or -1
  // The texts computed by constant folding (`lower("ABC") + "-x"`), which folded constants view.
  std::vector<std::unique_ptr<const std::string>> folded_texts;

  static Program compile(const CheckedPolicy& policy);
};

}  // namespace qpl::eval
