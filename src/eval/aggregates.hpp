#pragma once
// sum / avg / min / max over the selected elements of a list (language.md, "Aggregates"): the
// fold alone, fed one projected value per selected element by the evaluator.
#include <cstddef>

#include "model/ast.hpp"
#include "model/value.hpp"

namespace qpl::eval {

class AggregateFold {
 public:
  explicit AggregateFold(Quantifier q) : quantifier_(q) {}

  // One selected element's value. Returns false once the result is settled (an unknown value:
  // the rest cannot change it), so the caller may stop.
  bool add(const Value& v);
  // The result: sum 0 and avg/min/max unknown (Fault::no_element) over no element.
  Value result() const;

 private:
  Quantifier quantifier_;
  std::size_t count_ = 0;
  double total_ = 0;
  Value best_;
  bool unknown_ = false;
  Fault fault_ = Fault::unknown_operand;
};

}  // namespace qpl::eval
