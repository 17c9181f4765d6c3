#pragma once
// The report's charts as inline SVG (no script, no external resource): horizontal bars, plain or
// stacked, and a histogram with threshold marks. Every label is escaped here.
#include <string>
#include <string_view>
#include <vector>

#include "report/outcome_stats.hpp"

namespace qpl::report {

struct BarSegment {
  double value = 0;
  const char* css_class = "bar";  // styled by the page: bar, pass, fail, unknown
};
struct BarRow {
  std::string label;
  std::vector<BarSegment> segments;
  std::string note;  // after the bar: "2,632 (28.5%)"
};
// One row per item; a bar's length is the sum of its segments over `scale` (the widest bar).
std::string horizontal_bars(const std::vector<BarRow>& rows, double scale, std::string_view title);

struct HistogramMark {
  double value = 0;
  std::string label;  // ">= 50"
};
std::string histogram_svg(const std::vector<HistogramBin>& bins, const std::vector<HistogramMark>& marks,
                          std::string_view title);

// A number for people: at most two decimals, no trailing zeros (33.33, 50, 0.5).
std::string short_number(double value);

}  // namespace qpl::report
