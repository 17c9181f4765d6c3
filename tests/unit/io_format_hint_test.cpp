// A date or a number the export writes another way: the format that reads it, said with the
// record's error.
#include <doctest/doctest.h>

#include "io/format_hint.hpp"
#include "model/types.hpp"

using qpl::io::format_hint;

TEST_CASE("format hint: dates in another order or with other separators") {
  qpl::TypeTable types;
  const qpl::TypeRef date = types.date();
  CHECK(format_hint(date, "25/12/2026") == "format \"DD/MM/YYYY\"");
  CHECK(format_hint(date, "12/25/2026") == "format \"MM/DD/YYYY\"");
  // One-digit days and months: DD/MM/YYYY would not read them.
  CHECK(format_hint(date, "5/1/2026") == "format \"D/M/YYYY\" or \"M/D/YYYY\"");
  CHECK(format_hint(date, "05/01/2026") == "format \"DD/MM/YYYY\" or \"MM/DD/YYYY\"");
  CHECK_FALSE(format_hint(date, "31/02/2026"));  // no format reads an impossible date
  CHECK(format_hint(date, "25.12.2026") == "format \"DD.MM.YYYY\"");
  CHECK(format_hint(date, "2026/12/25") == "format \"YYYY/MM/DD\"");
  CHECK(format_hint(date, "26-02-2018 19:58") == "format \"DD-MM-YYYY\"");  // as the Olist export writes them
  // The default's shape, only impossible: no format reads it.
  CHECK_FALSE(format_hint(date, "2026-02-30"));
  CHECK_FALSE(format_hint(date, "25/12/26"));
  CHECK_FALSE(format_hint(date, "25/12-2026"));
  CHECK_FALSE(format_hint(date, "next week"));
}

TEST_CASE("format hint: numbers with thousands separators or a decimal comma") {
  qpl::TypeTable types;
  const qpl::TypeRef number = types.number();
  CHECK(format_hint(number, "1,200") == "format \"1,000\"");
  CHECK(format_hint(number, "-1,200,300.5") == "format \"1,000.00\"");
  CHECK(format_hint(number, "1.200,50") == "format \"1.000,00\"");
  CHECK(format_hint(number, "12 000") == "format \"1 000\"");
  CHECK(format_hint(number, "12 000,50") == "format \"1 000,00\"");
  CHECK(format_hint(number, "1,5") == "format \"1.000,00\"");  // a decimal comma
  CHECK(format_hint(number, "1'200") == "format \"1'000\"");
  CHECK_FALSE(format_hint(number, "$20,000"));
  CHECK_FALSE(format_hint(number, "1,20,000"));
  CHECK_FALSE(format_hint(number, "1.200.50"));
  CHECK_FALSE(format_hint(number, "fifty"));
  CHECK_FALSE(format_hint(types.text(), "1,200"));
}
