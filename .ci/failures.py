"""Prints each failed test of a TRX file with the first lines of its error message.

The CI log keeps only its last lines, where a failed test's stack trace would push its message out of view;
the recap at the end of test.sh prints the message (what was expected, what was found) under the test's name.
"""
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
MAX_LINES, MAX_CHARS = 8, 1200

for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iter(NS + "UnitTestResult"):
        if result.get("outcome") != "Failed":
            continue
        print("  FAILED " + result.get("testName", "?"))
        message = result.find(f"{NS}Output/{NS}ErrorInfo/{NS}Message")
        text = (message.text or "").strip() if message is not None else ""
        for line in text[:MAX_CHARS].splitlines()[:MAX_LINES]:
            print("    | " + line)
