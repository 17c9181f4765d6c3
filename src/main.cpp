#include "cli/app.hpp"

int main(int argc, char** argv) { return qpl::cli::run(argc, argv); }
