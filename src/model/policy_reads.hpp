#pragma once
// What a definition reads: the lead fields and the lets, icps, scores, checks and gates that
// expressions name, followed through each definition they reach. The one walk behind lint's
// unused declarations and fields (QPL401-407) and the REPL's "unknown because these fields are
// missing".
#include <cstdint>
#include <vector>

#include "model/policy.hpp"

namespace qpl {

class PolicyReads {
 public:
  explicit PolicyReads(const CheckedPolicy& policy);

  // Reads `e` and, transitively, every definition it names (reading `account` reads the account
  // block: its key and its lets). Each definition is walked once,
  // however many times it is reached; the walk is iterative (no recursion on deep trees).
  void read(const Expr& e);
  // Reads a definition as if an expression named it: the icp's clauses, the score's rules, the
  // check's condition (its gates group counts as read), or every check of a gates group.
  void read_icp(std::uint32_t index);
  void read_score(std::uint32_t index);
  void read_check(std::uint32_t index);
  void read_gates(std::uint32_t index);
  void read_grade(std::uint32_t index);  // its `of` value and its lines' conditions

  // Lead field slots (into Schema::lead.fields) in first-read order: a depth-first walk, in
  // source order within an expression, going into a definition where it is named; a definition
  // with several expressions (an icp's clauses, a score's rules, a group's checks) has them
  // walked from the last one, the order the REPL has always listed missing fields in.
  const std::vector<std::uint32_t>& lead_fields() const { return lead_fields_; }
  // Per definition (indexed as in CheckedPolicy), whether anything read so far reaches it.
  const std::vector<bool>& lets() const { return lets_; }
  const std::vector<bool>& icps() const { return icps_; }
  const std::vector<bool>& scores() const { return scores_; }
  const std::vector<bool>& checks() const { return checks_; }
  const std::vector<bool>& gates() const { return gates_; }
  const std::vector<bool>& grades() const { return grades_; }

 private:
  void follow(const Ref& ref);
  void reach_let(std::uint32_t index);
  void reach_icp(std::uint32_t index);
  void reach_score(std::uint32_t index);
  void reach_check(std::uint32_t index);
  void reach_gates(std::uint32_t index);
  void reach_grade(std::uint32_t index);
  void push(const Expr* e);
  void drain();

  const CheckedPolicy& policy_;
  std::vector<const Expr*> pending_;
  std::vector<std::uint32_t> lead_fields_;
  std::vector<bool> lead_field_seen_, lets_, icps_, scores_, checks_, gates_, grades_;
};

}  // namespace qpl
