#include "model/builtins.hpp"

#include <cmath>

namespace qpl::builtin_kernels {

void lower(std::string& out, std::string_view in) { assign_case(out, in, true); }
void upper(std::string& out, std::string_view in) { assign_case(out, in, false); }
void trim(std::string& out, std::string_view in) { out.assign(qpl::trim(in)); }
double length(std::string_view text) { return double(code_point_count(text)); }
double abs(double x) { return std::fabs(x); }
double round(double x) { return std::round(x); }
double floor(double x) { return std::floor(x); }
double ceil(double x) { return std::ceil(x); }
double days_since(std::int32_t today, std::int32_t day) { return double(today) - double(day); }

}  // namespace qpl::builtin_kernels
