# The layer table of docs/architecture.md ("What may include what"), the one place that says
# which layer may include which. Read by the build (each layer's include folder, CMakeLists.txt)
# and by the ctest that checks every include against it (tests/layers/check_layers.cmake).
#
# qualify_read_layer_table(DOC): sets QUALIFY_LAYERS (the layers, in the table's order) and, for
# each LAYER, QUALIFY_LAYER_ALLOWS_<LAYER> (the folders its row lets it include) in the caller.
function(qualify_read_layer_table doc)
  file(READ "${doc}" text)
  string(REPLACE ";" "," text "${text}")  # a CMake list separator
  string(REGEX MATCHALL "\n\\| `[a-z_]+` \\|[^\n]*" rows "${text}")
  set(layers "")
  foreach(row IN LISTS rows)
    if(NOT row MATCHES "^\n\\| `([a-z_]+)` \\|[^|]*\\|([^|]*)\\|$")
      message(FATAL_ERROR "${doc}: a row of the layer table is not '| `layer` | job | may include |': ${row}")
    endif()
    set(layer "${CMAKE_MATCH_1}")
    string(REPLACE "," ";" allowed "${CMAKE_MATCH_2}")
    list(TRANSFORM allowed STRIP)
    list(APPEND layers "${layer}")
    set(QUALIFY_LAYER_ALLOWS_${layer} "${allowed}" PARENT_SCOPE)
  endforeach()
  if(NOT layers)
    message(FATAL_ERROR "${doc}: no layer table")
  endif()
  set(QUALIFY_LAYERS "${layers}" PARENT_SCOPE)
endfunction()
