/*
Copyright line 0
Copyright line 1
Copyright line 2
Copyright line 3
Copyright line 4
Copyright line 5
Copyright line 6
Copyright line 7
Copyright line 8
Copyright line 9
Copyright line 10
Copyright line 11
Copyright line 12
Copyright line 13
Copyright line 14
Copyright line 15
Copyright line 16
Copyright line 17
Copyright line 18
Copyright line 19
Copyright line 20
Copyright line 21
Copyright line 22
Copyright line 23
Copyright line 24
Copyright line 25
Copyright line 26
Copyright line 27
Copyright line 28
Copyright line 29
Copyright line 30
Copyright line 31
Copyright line 32
Copyright line 33
Copyright line 34
Copyright line 35
Copyright line 36
Copyright line 37
Copyright line 38
Copyright line 39
Copyright line 40
Copyright line 41
Copyright line 42
Copyright line 43
Copyright line 44
Copyright line 45
Copyright line 46
Copyright line 47
Copyright line 48
Copyright line 49
Copyright line 50
Copyright line 51
Copyright line 52
Copyright line 53
Copyright line 54
Copyright line 55
Copyright line 56
Copyright line 57
Copyright line 58
Copyright line 59
Copyright line 60
Copyright line 61
Copyright line 62
Copyright line 63
Copyright line 64
Copyright line 65
Copyright line 66
Copyright line 67
Copyright line 68
Copyright line 69
Copyright line 70
Copyright line 71
Copyright line 72
Copyright line 73
Copyright line 74
Copyright line 75
Copyright line 76
Copyright line 77
Copyright line 78
Copyright line 79
Copyright line 80
Copyright line 81
Copyright line 82
Copyright line 83
Copyright line 84
Copyright line 85
Copyright line 86
Copyright line 87
Copyright line 88
Copyright line 89
Copyright line 90
Copyright line 91
Copyright line 92
Copyright line 93
Copyright line 94
Copyright line 95
Copyright line 96
Copyright line 97
Copyright line 98
Copyright line 99
Copyright line 100
Copyright line 101
Copyright line 102
Copyright line 103
Copyright line 104
Copyright line 105
Copyright line 106
Copyright line 107
Copyright line 108
Copyright line 109
Copyright line 110
Copyright line 111
Copyright line 112
Copyright line 113
Copyright line 114
Copyright line 115
Copyright line 116
Copyright line 117
Copyright line 118
Copyright line 119
Copyright line 120
Copyright line 121
Copyright line 122
Copyright line 123
Copyright line 124
Copyright line 125
Copyright line 126
Copyright line 127
Copyright line 128
Copyright line 129
Copyright line 130
Copyright line 131
Copyright line 132
Copyright line 133
Copyright line 134
Copyright line 135
Copyright line 136
Copyright line 137
Copyright line 138
Copyright line 139
Copyright line 140
Copyright line 141
Copyright line 142
Copyright line 143
Copyright line 144
Copyright line 145
Copyright line 146
Copyright line 147
Copyright line 148
Copyright line 149
Copyright line 150
Copyright line 151
Copyright line 152
Copyright line 153
Copyright line 154
Copyright line 155
Copyright line 156
Copyright line 157
Copyright line 158
Copyright line 159
Copyright line 160
Copyright line 161
Copyright line 162
Copyright line 163
Copyright line 164
Copyright line 165
Copyright line 166
Copyright line 167
Copyright line 168
Copyright line 169
Copyright line 170
Copyright line 171
Copyright line 172
Copyright line 173
Copyright line 174
Copyright line 175
Copyright line 176
Copyright line 177
Copyright line 178
Copyright line 179
Copyright line 180
Copyright line 181
Copyright line 182
Copyright line 183
Copyright line 184
Copyright line 185
Copyright line 186
Copyright line 187
Copyright line 188
Copyright line 189
Copyright line 190
Copyright line 191
Copyright line 192
Copyright line 193
Copyright line 194
Copyright line 195
Copyright line 196
Copyright line 197
Copyright line 198
Copyright line 199
Copyright line 200
Copyright line 201
Copyright line 202
Copyright line 203
Copyright line 204
Copyright line 205
Copyright line 206
Copyright line 207
Copyright line 208
Copyright line 209
Copyright line 210
Copyright line 211
Copyright line 212
Copyright line 213
Copyright line 214
Copyright line 215
Copyright line 216
Copyright line 217
Copyright line 218
Copyright line 219
Copyright line 220
Copyright line 221
Copyright line 222
Copyright line 223
Copyright line 224
Copyright line 225
Copyright line 226
Copyright line 227
Copyright line 228
Copyright line 229
Copyright line 230
Copyright line 231
Copyright line 232
Copyright line 233
Copyright line 234
Copyright line 235
Copyright line 236
Copyright line 237
Copyright line 238
Copyright line 239
Copyright line 240
Copyright line 241
Copyright line 242
Copyright line 243
Copyright line 244
Copyright line 245
Copyright line 246
Copyright line 247
Copyright line 248
Copyright line 249
Copyright line 250
Copyright line 251
Copyright line 252
Copyright line 253
Copyright line 254
Copyright line 255
Copyright line 256
Copyright line 257
Copyright line 258
Copyright line 259
Copyright line 260
Copyright line 261
Copyright line 262
Copyright line 263
Copyright line 264
Copyright line 265
Copyright line 266
Copyright line 267
Copyright line 268
Copyright line 269
Copyright line 270
Copyright line 271
Copyright line 272
Copyright line 273
Copyright line 274
Copyright line 275
Copyright line 276
Copyright line 277
Copyright line 278
Copyright line 279
Copyright line 280
Copyright line 281
Copyright line 282
Copyright line 283
Copyright line 284
Copyright line 285
Copyright line 286
Copyright line 287
Copyright line 288
Copyright line 289
Copyright line 290
Copyright line 291
Copyright line 292
Copyright line 293
Copyright line 294
Copyright line 295
Copyright line 296
Copyright line 297
Copyright line 298
Copyright line 299
Copyright line 300
Copyright line 301
Copyright line 302
Copyright line 303
Copyright line 304
Copyright line 305
Copyright line 306
Copyright line 307
Copyright line 308
Copyright line 309
Copyright line 310
Copyright line 311
Copyright line 312
Copyright line 313
Copyright line 314
Copyright line 315
Copyright line 316
Copyright line 317
Copyright line 318
Copyright line 319
Copyright line 320
Copyright line 321
Copyright line 322
Copyright line 323
Copyright line 324
Copyright line 325
Copyright line 326
Copyright line 327
Copyright line 328
Copyright line 329
Copyright line 330
Copyright line 331
Copyright line 332
Copyright line 333
Copyright line 334
Copyright line 335
Copyright line 336
Copyright line 337
Copyright line 338
Copyright line 339
Copyright line 340
Copyright line 341
Copyright line 342
Copyright line 343
Copyright line 344
Copyright line 345
Copyright line 346
Copyright line 347
Copyright line 348
Copyright line 349
Copyright line 350
Copyright line 351
Copyright line 352
Copyright line 353
Copyright line 354
Copyright line 355
Copyright line 356
Copyright line 357
Copyright line 358
Copyright line 359
Copyright line 360
Copyright line 361
Copyright line 362
Copyright line 363
Copyright line 364
Copyright line 365
Copyright line 366
Copyright line 367
Copyright line 368
Copyright line 369
Copyright line 370
Copyright line 371
Copyright line 372
Copyright line 373
Copyright line 374
Copyright line 375
Copyright line 376
Copyright line 377
Copyright line 378
Copyright line 379
Copyright line 380
Copyright line 381
Copyright line 382
Copyright line 383
Copyright line 384
Copyright line 385
Copyright line 386
Copyright line 387
Copyright line 388
Copyright line 389
Copyright line 390
Copyright line 391
Copyright line 392
Copyright line 393
Copyright line 394
Copyright line 395
Copyright line 396
Copyright line 397
Copyright line 398
Copyright line 399
*/

package licensed

func F0(m map[int]string) string {
	if v, ok := m[0]; ok {
		return v
	}
	return ""
}

func F1(m map[int]string) string {
	if v, ok := m[1]; ok {
		return v
	}
	return ""
}

func F2(m map[int]string) string {
	if v, ok := m[2]; ok {
		return v
	}
	return ""
}

func F3(m map[int]string) string {
	if v, ok := m[3]; ok {
		return v
	}
	return ""
}

func F4(m map[int]string) string {
	if v, ok := m[4]; ok {
		return v
	}
	return ""
}

func F5(m map[int]string) string {
	if v, ok := m[5]; ok {
		return v
	}
	return ""
}

func F6(m map[int]string) string {
	if v, ok := m[6]; ok {
		return v
	}
	return ""
}

func F7(m map[int]string) string {
	if v, ok := m[7]; ok {
		return v
	}
	return ""
}

func F8(m map[int]string) string {
	if v, ok := m[8]; ok {
		return v
	}
	return ""
}

func F9(m map[int]string) string {
	if v, ok := m[9]; ok {
		return v
	}
	return ""
}
