// Bytes -> a generated policy of lets that are deep and read each other (unary minus chains,
// long sums, nested brackets), declared in an order the bytes choose and read by a funnel line,
// an icp, a score or a gates check. Text mutations alone rarely build such a policy; these
// parameters reach the checker's and the evaluator's depth limits at once. Properties: no
// crash (a stack overflow is one), and a policy the checker accepts evaluates without reaching
// the evaluator's depth guard, so no lead gets a silent unknown.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "eval/evaluator.hpp"
#include "eval/trace.hpp"
#include "fuzz_support.hpp"
#include "sema/load.hpp"

namespace {

// Reads the input as little parameters; past its end every read is 0.
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  unsigned next() { return at_ < size_ ? data_[at_++] : 0u; }
  unsigned next16() { return next() | next() << 8; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

// Let k's expression, `levels` deep, reading `inner` (the next let, or a field).
std::string body(unsigned shape, unsigned levels, const std::string& inner) {
  switch (shape % 3) {
    case 0: return std::string(std::min(levels, 250u), '-') + inner;
    case 1: {
      std::string s = inner;
      for (unsigned i = 1; i < std::min(levels, 990u); ++i) s += " + 1";
      return s;
    }
    default: {
      const unsigned n = std::min(levels, 250u);
      return std::string(n, '(') + inner + std::string(n, ')');
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qpl;
  Bytes in(data, size);
  const unsigned count = 1 + in.next16() % 400;
  const unsigned shape = in.next();
  const unsigned order = in.next() % 3;
  const unsigned reader = in.next() % 4;
  const unsigned base_levels = 1 + in.next16() % 1000;

  // a1 reads a2 ... a<count> reads the field; each let's depth varies around base_levels.
  std::vector<std::string> lets;
  std::size_t total = 0;
  for (unsigned k = 1; k <= count && total < 200000; ++k) {
    const unsigned levels = std::max(1u, base_levels - std::min(base_levels - 1, in.next()));
    total += levels;
    const std::string inner = k < count ? "a" + std::to_string(k + 1) : std::string("employees");
    lets.push_back("let a" + std::to_string(k) + " = " + body(shape + (in.next() & 1), levels, inner) + "\n");
  }
  const unsigned used = static_cast<unsigned>(lets.size());
  if (used < count) {  // the chain was cut for size: end it on the field
    lets.back() = "let a" + std::to_string(used) + " = employees\n";
  }
  if (order == 1) std::reverse(lets.begin(), lets.end());
  if (order == 2) {  // every other let first: half the chain is checked on first use
    std::stable_partition(lets.begin(), lets.end(),
                          [&, i = 0](const std::string&) mutable { return i++ % 2 == 0; });
  }

  std::string text = "fields {\n  employees: number\n}\n";
  for (const auto& l : lets) text += l;
  switch (reader) {
    case 0: text += "funnel {\n  big when a1 > 0\n  small otherwise\n}\n"; break;
    case 1: text += "icp fit {\n  require a1 > 0\n}\n"; break;
    case 2: text += "score s {\n  +1 per a1\n}\n"; break;
    default: text += "gates g {\n  deep when a1 > 0\n}\n"; break;
  }

  sema::LoadResult loaded = sema::load_policy_text("fuzz.qpl", std::move(text), "/nonexistent-qualify-fuzz");
  fuzz::require(loaded.policy != nullptr, "a policy held in memory always gives a policy");
  if (!loaded.ok()) {
    fuzz::require(loaded.diagnostics.has_errors(), "a policy that is not ok says why");
    return 0;
  }
  eval::Evaluator evaluator(*loaded.policy);
  RecordValue lead;
  lead.fields.assign(loaded.policy->schema.lead.fields.size(), Value(3.0));
  eval::LeadOutcome outcome;
  evaluator.evaluate(lead, 0, eval::ExplainLevel::none, outcome);
  fuzz::require(!outcome.too_deep, "a checked policy evaluates within the depth limit");
  return 0;
}
