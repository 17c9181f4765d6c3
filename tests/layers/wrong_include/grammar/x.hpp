#pragma once
// A fixture: the grammar may not include the project.
#include "syntax/limits.hpp"
