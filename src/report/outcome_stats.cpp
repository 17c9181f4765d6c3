#include "report/outcome_stats.hpp"

#include <algorithm>
#include <cmath>

namespace qpl::report {

std::optional<double> Rate::rate() const {
  if (known == 0) return std::nullopt;
  return static_cast<double>(positive) / static_cast<double>(known);
}

std::optional<double> Rate::lift(const Rate& overall) const {
  const auto mine = rate();
  const auto all = overall.rate();
  if (!mine || !all || *all == 0) return std::nullopt;
  return *mine / *all;
}

std::optional<double> auc(const ValueMap& values) {
  double positives = 0, negatives = 0, wins = 0;
  for (const auto& [value, count] : values) {
    const auto pos = static_cast<double>(count.positive);
    const auto neg = static_cast<double>(count.known - count.positive);
    // Each positive here beats every negative below and ties with every negative here.
    wins += pos * (negatives + 0.5 * neg);
    positives += pos;
    negatives += neg;
  }
  if (positives == 0 || negatives == 0) return std::nullopt;
  return wins / (positives * negatives);
}

std::vector<Band> score_bands(const ValueMap& values) {
  std::uint64_t total = 0;
  for (const auto& entry : values) total += entry.second.leads;
  std::vector<Band> bands;
  if (total == 0) return bands;
  std::uint64_t before = 0;  // leads with a higher score
  for (auto it = values.rbegin(); it != values.rend(); ++it) {
    const ValueCount& count = it->second;
    if (count.leads == 0) continue;
    // Twice the middle rank, in integers: 2 * before + leads; band = floor(10 * mid / total).
    const std::uint64_t twice_middle = 2 * before + count.leads;
    const int band = static_cast<int>(std::min<std::uint64_t>(9, 10 * twice_middle / (2 * total))) + 1;
    before += count.leads;
    if (bands.empty() || bands.back().band != band) {
      Band b;
      b.band = band;
      b.to = it->first;
      bands.push_back(b);
    }
    Band& b = bands.back();
    b.from = it->first;
    b.leads += count.leads;
    b.outcome.add(count);
  }
  return bands;
}

ThresholdRow threshold_row(const ValueMap& values, const std::string& op, double value) {
  ThresholdRow row;
  row.op = op;
  row.value = value;
  const bool strict = op == ">";
  for (const auto& [v, count] : values) {
    if (strict ? v > value : v >= value) {
      row.leads_above += count.leads;
      row.above.add(count);
    } else {
      row.below.add(count);
    }
  }
  return row;
}

std::vector<double> candidate_thresholds(const ValueMap& values, std::size_t max_distinct) {
  std::vector<double> out;
  std::uint64_t total = 0;
  for (const auto& [value, count] : values) {
    if (count.leads == 0) continue;
    total += count.leads;
    out.push_back(value);
  }
  if (out.size() <= max_distinct) return out;
  out.clear();
  for (std::uint64_t step = 1; step <= 19; ++step) {
    // Nearest rank: the value of the lead at rank ceil(step * 5% * total), 1-based.
    const std::uint64_t rank = std::max<std::uint64_t>(1, (step * total + 19) / 20);
    std::uint64_t seen = 0;
    for (const auto& [value, count] : values) {
      seen += count.leads;
      if (seen >= rank) {
        if (out.empty() || out.back() != value) out.push_back(value);
        break;
      }
    }
  }
  return out;
}

std::vector<HistogramBin> histogram(const ValueMap& values, double low, double high, int bins) {
  if (!(high > low)) bins = 1;
  std::vector<HistogramBin> out(static_cast<std::size_t>(bins));
  const double width = bins == 1 ? high - low : (high - low) / bins;
  for (int i = 0; i < bins; ++i) {
    out[static_cast<std::size_t>(i)].from = low + width * i;
    out[static_cast<std::size_t>(i)].to = i + 1 == bins ? high : low + width * (i + 1);
  }
  for (const auto& [value, count] : values) {
    int index = 0;
    if (bins > 1 && width > 0) {
      const double at = std::floor((value - low) / width);
      index = at < 0 ? 0 : at >= bins ? bins - 1 : static_cast<int>(at);
    }
    out[static_cast<std::size_t>(index)].leads += count.leads;
  }
  return out;
}

}  // namespace qpl::report
