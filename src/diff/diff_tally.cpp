#include "diff/diff_tally.hpp"

#include <algorithm>

#include <fmt/core.h>

namespace qpl::diff {
namespace {

void add_stages(const CheckedPolicy& policy, std::vector<std::string>& stages,
                std::vector<std::size_t>& stage_of_line) {
  if (policy.funnel != nullptr) {
    for (const FunnelLine& line : policy.funnel->lines) {
      auto it = std::find(stages.begin(), stages.end(), line.stage);
      if (it == stages.end()) it = stages.insert(stages.end(), line.stage);
      stage_of_line.push_back(static_cast<std::size_t>(it - stages.begin()));
    }
  }
  // A policy may name a stage `none`: the pseudo-stages then take parentheses.
  for (const char* pseudo : {"none", "unreadable"}) {
    const bool taken = std::find(stages.begin(), stages.end(), pseudo) != stages.end();
    stages.push_back(taken ? fmt::format("({})", pseudo) : std::string(pseudo));
  }
}

std::string check_name(const CheckInfo& check) { return check.group + "." + check.label; }

template <typename Info, typename Name>
void pair_up(const std::vector<Info>& old_list, const std::vector<Info>& new_list,
             const char* kind, Name name_of, std::vector<DiffShape::Pair>& out) {
  const std::size_t first = out.size();
  for (std::size_t i = 0; i < old_list.size(); ++i) {
    out.push_back({name_of(old_list[i]), kind, static_cast<int>(i), -1});
  }
  for (std::size_t i = 0; i < new_list.size(); ++i) {
    const std::string name = name_of(new_list[i]);
    auto it = std::find_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                           [&](const DiffShape::Pair& p) { return p.name == name; });
    if (it != out.end()) {
      it->new_index = static_cast<int>(i);
    } else {
      out.push_back({name, kind, -1, static_cast<int>(i)});
    }
  }
}

}  // namespace

DiffShape DiffShape::of(const CheckedPolicy& old_policy, const CheckedPolicy& new_policy) {
  DiffShape shape;
  add_stages(old_policy, shape.old_stages, shape.old_stage_of_line);
  add_stages(new_policy, shape.new_stages, shape.new_stage_of_line);
  auto info_name = [](const auto& info) { return info.name; };
  pair_up(old_policy.scores, new_policy.scores, "score", info_name, shape.scores);
  pair_up(old_policy.icps, new_policy.icps, "icp", info_name, shape.results);
  pair_up(old_policy.checks, new_policy.checks, "check", check_name, shape.results);
  return shape;
}

Tristate tristate(const Value& v) {
  if (v.is_true()) return Tristate::yes;
  if (v.is_false()) return Tristate::no;
  return Tristate::unknown;
}

const char* tristate_name(Tristate t) {
  switch (t) {
    case Tristate::yes: return "true";
    case Tristate::no: return "false";
    case Tristate::unknown: break;
  }
  return "unknown";
}

DiffTally::DiffTally(const DiffShape& shape)
    : cells(shape.old_stages.size() * shape.new_stages.size(), 0),
      examples(cells.size()),
      scores(shape.scores.size()),
      results(shape.results.size(), std::array<std::uint64_t, 9>{}) {}

bool DiffTally::wants_example(std::size_t cell, std::uint64_t record, std::size_t limit) const {
  const auto& held = examples[cell];
  return held.size() < limit || (!held.empty() && record < held.back().record);
}

void DiffTally::add_example(std::size_t cell, DiffExample example, std::size_t limit) {
  auto& held = examples[cell];
  auto at = std::lower_bound(held.begin(), held.end(), example.record,
                             [](const DiffExample& e, std::uint64_t r) { return e.record < r; });
  held.insert(at, std::move(example));
  if (held.size() > limit) held.resize(limit);
}

void DiffTally::merge(DiffTally&& other, std::size_t limit) {
  records += other.records;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    cells[i] += other.cells[i];
    for (DiffExample& e : other.examples[i]) {
      if (wants_example(i, e.record, limit)) add_example(i, std::move(e), limit);
    }
  }
  for (std::size_t i = 0; i < scores.size(); ++i) {
    scores[i].old_values.merge(other.scores[i].old_values);
    scores[i].new_values.merge(other.scores[i].new_values);
    scores[i].changed += other.scores[i].changed;
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    for (std::size_t j = 0; j < 9; ++j) results[i][j] += other.results[i][j];
  }
}

}  // namespace qpl::diff
