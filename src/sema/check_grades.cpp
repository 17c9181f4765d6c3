// Checks `grade` and `bands` declarations (docs/language.md, "grade NAME"): their lines'
// conditions or bounds, the one `otherwise` line at the end, and the type they give, the
// `one of` of their labels.
#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "model/eval_limits.hpp"
#include "sema/checker.hpp"

namespace qpl::sema {

void Checker::check_grade(std::uint32_t i) {
  auto& grade = p_.grades[i];
  if (!enter_definition(grade_state_[i], grade.name, grade.decl->name_span)) return;
  auto scopes = std::exchange(element_scopes_, {});
  const auto account_scope = std::exchange(account_scope_, AccountScope::none);
  const GradeDecl& d = *grade.decl;
  const char* kind = d.bands() ? "bands" : "grade";
  if (d.of) expect_type(*d.of, TypeKind::number, "the value after 'of'");

  std::vector<std::string> labels;
  std::map<std::string, Span, std::less<>> band_labels;
  const GradeLine* previous_band = nullptr;
  for (std::size_t l = 0; l < d.lines.size(); ++l) {
    const GradeLine& line = d.lines[l];
    if (line.condition) expect_type(*line.condition, TypeKind::boolean, "a grade's condition");
    if (line.otherwise && l + 1 != d.lines.size()) {
      auto& e = diags_.error(code::grade_otherwise, line.span,
                             fmt::format("the 'otherwise' line of {} '{}' is not its last line",
                                         kind, d.name));
      e.help = "lines after 'otherwise' are never reached: end with exactly one 'LABEL otherwise'";
    }
    if (d.bands() && line.below) {
      if (previous_band && *line.below <= *previous_band->below) {
        auto& e = diags_.error(
            code::bands_order, line.below_span,
            fmt::format("bands '{}': the bound {} is not above the band before it ({})", d.name,
                        fmt::format("{}", *line.below), fmt::format("{}", *previous_band->below)));
        e.notes.push_back({previous_band->below_span, "the bound before"});
        e.help = "bounds increase down the lines: each band holds the numbers from the bound "
                 "before it up to its own";
      }
      previous_band = &line;
    }
    if (d.bands()) {
      auto [it, fresh] = band_labels.try_emplace(line.label, line.label_span);
      if (!fresh) {
        auto& e = diags_.error(code::band_label, line.label_span,
                               fmt::format("bands '{}' already have a band '{}'", d.name,
                                           line.label));
        e.notes.push_back({it->second, "first given here"});
        e.help = "each band is one range of numbers: give this one its own label";
      }
    }
    if (std::find(labels.begin(), labels.end(), line.label) == labels.end())
      labels.push_back(line.label);
  }
  if (d.lines.empty() || !d.lines.back().otherwise) {
    auto& e = diags_.error(code::grade_otherwise, d.name_span,
                           fmt::format("{} '{}' has no 'otherwise' line at its end", kind, d.name));
    e.help = d.bands() ? "end the bands with the highest one: 'hot otherwise'"
                       : "end the grade with the label of a lead no line describes: '\"D\" otherwise'";
  }
  element_scopes_ = std::move(scopes);
  account_scope_ = account_scope;
  grade.type = labels.empty() ? p_.types.error() : p_.types.enum_of(std::move(labels));
  bool refused = false;
  grade.levels = end_walk(max_evaluation_depth, refused);
  grade_refused_[i] = refused;
  leave_definition(grade_state_[i]);
}

}  // namespace qpl::sema
