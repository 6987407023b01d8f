# runtime/io: whole files in and out (hosted).
HOSTED_SRC += runtime/io/io_file.c
