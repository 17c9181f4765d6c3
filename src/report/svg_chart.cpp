#include "report/svg_chart.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "support/utf8.hpp"

namespace qpl::report {
namespace {

constexpr double label_width = 230, bar_width = 420, note_width = 230, row_height = 26;

std::string clip(std::string_view text, std::size_t max_points) {
  std::string out;
  std::size_t points = 0, i = 0;
  while (i < text.size()) {
    const DecodedChar d = decode_utf8(text, i);
    if (++points > max_points) return out + "…";
    out.append(text.substr(i, d.length));
    i += d.length;
  }
  return out;
}

// An <svg> element of that size, its <title> (what a screen reader says) escaped.
std::string svg_open(double width, double height, std::string_view title) {
  std::string out = fmt::format(
      "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "xmlns=\"http://www.w3.org/2000/svg\"><title>",
      width, height, width, height);
  append_markup_escaped(out, title);
  out += "</title>";
  return out;
}

}  // namespace

std::string short_number(double value) {
  std::string text = fmt::format("{:.2f}", value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

std::string horizontal_bars(const std::vector<BarRow>& rows, double scale, std::string_view title) {
  const double width = label_width + bar_width + note_width;
  const double height = row_height * static_cast<double>(rows.size()) + 8;
  std::string out = svg_open(width, height, title);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const BarRow& row = rows[r];
    const double y = 4 + row_height * static_cast<double>(r);
    out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">", label_width - 8,
                       y + 17);
    append_markup_escaped(out, clip(row.label, 34));
    out += "</text>";
    double x = label_width;
    for (const BarSegment& s : row.segments) {
      const double w = scale > 0 ? bar_width * s.value / scale : 0;
      if (w <= 0) continue;
      out += fmt::format("<rect class=\"{}\" x=\"{:.2f}\" y=\"{:.1f}\" width=\"{:.2f}\" height=\"{}\"/>",
                         s.css_class, x, y + 3, w, row_height - 8);
      x += w;
    }
    out += fmt::format("<text class=\"note\" x=\"{:.2f}\" y=\"{:.1f}\">", x + 6, y + 17);
    append_markup_escaped(out, row.note);
    out += "</text>";
  }
  out += "</svg>";
  return out;
}

std::string histogram_svg(const std::vector<HistogramBin>& bins, const std::vector<HistogramMark>& marks,
                          std::string_view title) {
  constexpr double width = 720, height = 260, left = 50, right = 20, top = 28, bottom = 40;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  std::uint64_t most = 1;
  for (const HistogramBin& b : bins) most = std::max(most, b.leads);
  std::string out = svg_open(width, height, title);
  out += fmt::format("<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>", left, top + plot_h,
                     left + plot_w, top + plot_h);
  out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", left - 6, top + 4,
                     most);
  out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>", left - 6,
                     top + plot_h);
  if (bins.empty()) return out + "</svg>";
  const double low = bins.front().from, high = bins.back().to;
  const double span = high > low ? high - low : 1;
  const double slot = plot_w / static_cast<double>(bins.size());
  for (std::size_t i = 0; i < bins.size(); ++i) {
    const HistogramBin& b = bins[i];
    const double h = plot_h * static_cast<double>(b.leads) / static_cast<double>(most);
    const double x = left + slot * static_cast<double>(i);
    if (b.leads > 0)
      out += fmt::format("<rect class=\"bar\" x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\"/>",
                         x + 1, top + plot_h - h, slot - 2, h);
    if (i % 4 == 0) {
      out += fmt::format("<text class=\"tick\" x=\"{:.2f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x,
                         top + plot_h + 16, short_number(b.from));
    }
  }
  out += fmt::format("<text class=\"tick\" x=\"{:.2f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", left + plot_w,
                     top + plot_h + 16, short_number(high));
  for (std::size_t m = 0; m < marks.size(); ++m) {
    const HistogramMark& mark = marks[m];
    const double x = left + plot_w * std::clamp((mark.value - low) / span, 0.0, 1.0);
    out += fmt::format("<line class=\"threshold\" x1=\"{:.2f}\" y1=\"{}\" x2=\"{:.2f}\" y2=\"{}\"/>", x,
                       top - 4, x, top + plot_h);
    out += fmt::format("<text class=\"threshold-label\" x=\"{:.2f}\" y=\"{}\" text-anchor=\"middle\">", x,
                       top - 8 - 10.0 * static_cast<double>(m % 2));
    append_markup_escaped(out, mark.label);
    out += "</text>";
  }
  return out + "</svg>";
}

}  // namespace qpl::report
