#include <doctest/doctest.h>

#include <string>

#include "support/sha256.hpp"
#include "support/utf8.hpp"

TEST_CASE("sha256 matches the FIPS 180-4 examples") {
  CHECK(qpl::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(qpl::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding needs a second block.
  CHECK(qpl::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(qpl::sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("markup_escape makes any text safe inside HTML and XML") {
  CHECK(qpl::markup_escape("<script>alert('x') & \"y\"</script>") ==
        "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  CHECK(qpl::markup_escape(std::string("a\x01" "b\xff", 4)) == "a b\xEF\xBF\xBD");
  CHECK(qpl::markup_escape("Île\tx\n") == "Île\tx\n");
}
