#pragma once
// A loaded and checked policy: its files, ASTs, schema and the tables the evaluator indexes.
// Produced by sema::load_policy(); only a policy without errors is evaluated.
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/types.hpp"
#include "support/diagnostic.hpp"
#include "model/ast.hpp"

namespace qpl {

struct Schema {
  RecordType lead;                          // the `fields` block
  std::vector<std::string> missing_values;  // every `missing values` line, in order
  std::deque<RecordType> records;           // `record` declarations (stable addresses)
  int id_field = -1;                        // slot of a field named `id`, or -1
  const RecordType* record(std::string_view name) const;
};

// `levels`: how many evaluation levels a definition's expressions go below the place that reads
// it, through every definition they read in turn (see max_evaluation_depth).
struct LetInfo {
  std::string name;
  const LetDecl* decl = nullptr;
  TypeRef type = nullptr;
  std::uint32_t levels = 0;
};

struct IcpInfo {
  std::string name;
  const IcpDecl* decl = nullptr;
  std::uint32_t levels = 0;
};

struct ScoreInfo {
  std::string name;
  const ScoreDecl* decl = nullptr;
  std::uint32_t levels = 0;
};

struct CheckInfo {
  std::string group;                 // the gates name
  std::string label;
  const GateCheck* decl = nullptr;
  std::uint32_t group_index = 0;
  std::uint32_t levels = 0;
};

// A `grade` or `bands` declaration; `type` is the `one of` of its labels, in the order written.
struct GradeInfo {
  std::string name;
  const GradeDecl* decl = nullptr;
  TypeRef type = nullptr;
  std::uint32_t levels = 0;
};

struct GatesInfo {
  std::string name;
  const GatesDecl* decl = nullptr;
  std::vector<std::uint32_t> checks;  // indexes into CheckedPolicy::checks, in source order
};

// `account by FIELD { let ... }` (docs/language.md, "Accounts"): the lets computed per account
// (records sharing the key's value), which every record reads through its remembered field
// `account` { NAME: TYPE, ... }, one member per let in declaration order.
struct AccountLetInfo {
  std::string name;
  const LetDecl* decl = nullptr;
  TypeRef type = nullptr;
};

struct AccountInfo {
  const AccountDecl* decl = nullptr;
  int key_slot = -1;                   // the key field's slot in the lead schema
  int field_slot = -1;                 // the remembered `account` field's slot in the lead schema
  const RecordType* record = nullptr;  // the type of `account`
  std::vector<AccountLetInfo> lets;    // declaration order: the record's fields
  std::vector<std::uint32_t> order;    // the lets in the order they can be computed
  // The aggregates over `contacts` (ListQuery expressions), in source order: the folds of an
  // account, each fed by every contact's COND and VALUE (lead-level expressions).
  std::vector<const Expr*> aggregates;
};

std::uint64_t next_policy_serial();

struct CheckedPolicy {
  SourceSet sources;
  std::vector<Module> modules;  // modules[0] is the main file
  TypeTable types;
  Schema schema;
  std::optional<PolicyHeader> header;  // the main file's only (R49)

  std::vector<LetInfo> lets;
  std::vector<IcpInfo> icps;       // in declaration order (output order)
  std::vector<ScoreInfo> scores;
  std::vector<GatesInfo> gates;
  std::vector<CheckInfo> checks;
  std::vector<GradeInfo> grades;   // grades and bands, in declaration order (output order)
  const FunnelDecl* funnel = nullptr;
  std::optional<AccountInfo> account;  // set when the policy declares `account by`
  std::vector<const TestDecl*> tests;  // the main file's tests (R49)
  std::uint32_t expr_count = 0;        // Expr::id runs from 0 to expr_count - 1
  // Unique for the process's lifetime (a policy loaded again gets a new one, even at the same
  // address): what caches of texts derived from a policy are keyed by.
  std::uint64_t serial = next_policy_serial();
};

// The header as reports show it: `Acme B2B (version 4)`, `Acme B2B`; empty without a header.
std::string policy_title(const CheckedPolicy& policy);

}  // namespace qpl
