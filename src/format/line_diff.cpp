#include "format/line_diff.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

namespace qpl::format {

namespace {

struct TextLines {
  std::vector<std::string_view> lines;
  bool ends_with_newline = true;
};

TextLines split_lines(std::string_view text) {
  TextLines out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) {
      out.lines.push_back(text.substr(begin));
      out.ends_with_newline = false;
      break;
    }
    out.lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return out;
}

enum class Op : std::uint8_t { keep, remove, add };
struct Edit {
  Op op;
  std::size_t old_index;  // for keep and remove
  std::size_t new_index;  // for keep and add
};

// Myers' greedy algorithm, keeping each round's frontier to walk the path back.
std::vector<Edit> shortest_edit(const std::vector<std::string_view>& a,
                                const std::vector<std::string_view>& b) {
  const auto n = static_cast<std::ptrdiff_t>(a.size());
  const auto m = static_cast<std::ptrdiff_t>(b.size());
  const std::ptrdiff_t max = n + m;
  const std::ptrdiff_t offset = max + 1;
  std::vector<std::ptrdiff_t> v(static_cast<std::size_t>(2 * max + 3), 0);
  std::vector<std::vector<std::ptrdiff_t>> trace;
  std::ptrdiff_t final_d = 0;
  for (std::ptrdiff_t d = 0; d <= max; ++d) {
    trace.push_back(v);
    bool done = false;
    for (std::ptrdiff_t k = -d; k <= d; k += 2) {
      std::ptrdiff_t x;
      if (k == -d || (k != d && v[static_cast<std::size_t>(k - 1 + offset)] <
                                    v[static_cast<std::size_t>(k + 1 + offset)])) {
        x = v[static_cast<std::size_t>(k + 1 + offset)];  // down: an insertion
      } else {
        x = v[static_cast<std::size_t>(k - 1 + offset)] + 1;  // right: a deletion
      }
      std::ptrdiff_t y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) {
        ++x;
        ++y;
      }
      v[static_cast<std::size_t>(k + offset)] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    if (done) {
      final_d = d;
      break;
    }
  }

  std::vector<Edit> edits;
  std::ptrdiff_t x = n, y = m;
  for (std::ptrdiff_t d = final_d; d >= 0; --d) {
    const auto& vd = trace[static_cast<std::size_t>(d)];
    const std::ptrdiff_t k = x - y;
    std::ptrdiff_t prev_k;
    if (d == 0) {
      prev_k = 0;
    } else if (k == -d || (k != d && vd[static_cast<std::size_t>(k - 1 + offset)] <
                                         vd[static_cast<std::size_t>(k + 1 + offset)])) {
      prev_k = k + 1;
    } else {
      prev_k = k - 1;
    }
    const std::ptrdiff_t prev_x = d == 0 ? 0 : vd[static_cast<std::size_t>(prev_k + offset)];
    const std::ptrdiff_t prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x;
      --y;
      edits.push_back({Op::keep, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    }
    if (d == 0) break;
    if (x == prev_x) {
      --y;
      edits.push_back({Op::add, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    } else {
      --x;
      edits.push_back({Op::remove, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    }
  }
  std::reverse(edits.begin(), edits.end());
  return edits;
}

std::string hunk_range(std::size_t start, std::size_t count) {
  // `diff -u`: an empty range names the line before it
  if (count == 0) return fmt::format("{},0", start);
  if (count == 1) return fmt::format("{}", start + 1);
  return fmt::format("{},{}", start + 1, count);
}

}  // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::string_view old_name, std::string_view new_name,
                         std::size_t context) {
  if (old_text == new_text) return {};
  const TextLines a = split_lines(old_text);
  const TextLines b = split_lines(new_text);
  const std::vector<Edit> edits = shortest_edit(a.lines, b.lines);

  std::string out = fmt::format("--- {}\n+++ {}\n", old_name, new_name);
  const auto line_of = [&](const Edit& e) {
    const bool from_old = e.op != Op::add;
    const TextLines& t = from_old ? a : b;
    const std::size_t i = from_old ? e.old_index : e.new_index;
    std::string s(1, e.op == Op::keep ? ' ' : e.op == Op::remove ? '-' : '+');
    s += t.lines[i];
    s += '\n';
    if (i + 1 == t.lines.size() && !t.ends_with_newline) s += "\\ No newline at end of file\n";
    return s;
  };
  // A change whose last line is the same text but without its newline still shows.
  const bool newline_change = a.ends_with_newline != b.ends_with_newline;

  std::size_t i = 0;
  while (i < edits.size()) {
    // the next change
    std::size_t first = i;
    while (first < edits.size() && edits[first].op == Op::keep &&
           !(newline_change && (edits[first].old_index + 1 == a.lines.size())))
      ++first;
    if (first == edits.size()) break;
    std::size_t begin = first > context ? first - context : 0;
    begin = std::max(begin, i);
    // extend while changes are within 2 * context of each other
    std::size_t end = first;
    std::size_t last_change = first;
    while (end < edits.size()) {
      const bool is_change = edits[end].op != Op::keep ||
                             (newline_change && edits[end].old_index + 1 == a.lines.size());
      if (is_change) last_change = end;
      if (end - last_change > 2 * context) break;
      ++end;
    }
    end = std::min(edits.size(), last_change + context + 1);

    std::size_t old_start = 0, old_count = 0, new_start = 0, new_count = 0;
    bool old_set = false, new_set = false;
    for (std::size_t j = begin; j < end; ++j) {
      const Edit& e = edits[j];
      if (e.op != Op::add) {
        if (!old_set) old_start = e.old_index, old_set = true;
        ++old_count;
      }
      if (e.op != Op::remove) {
        if (!new_set) new_start = e.new_index, new_set = true;
        ++new_count;
      }
    }
    if (!old_set) old_start = edits[begin].old_index;
    if (!new_set) new_start = edits[begin].new_index;
    out += fmt::format("@@ -{} +{} @@\n", hunk_range(old_start, old_count),
                       hunk_range(new_start, new_count));
    for (std::size_t j = begin; j < end; ++j) {
      const Edit& e = edits[j];
      if (e.op == Op::keep && newline_change && e.old_index + 1 == a.lines.size()) {
        out += line_of({Op::remove, e.old_index, e.new_index});
        out += line_of({Op::add, e.old_index, e.new_index});
      } else {
        out += line_of(e);
      }
    }
    i = end;
  }
  return out;
}

}  // namespace qpl::format
