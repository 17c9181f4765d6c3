#pragma once
// A fixture for tests/layers/check_layers.cmake: a folder without a row in the table.
