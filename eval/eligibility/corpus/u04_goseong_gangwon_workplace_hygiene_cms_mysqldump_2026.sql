-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: 10.20.3.14    Database: gwgs_homepage
-- ------------------------------------------------------
-- Server version	8.0.36

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;

-- 강원특별자치도 고성군청 누리집 게시판 이관용 백업 (고시·공고 게시판 BBS_0021, 2026-05-11 23:30 추출)
-- 추출 조건: board_code='BBS_0021' AND reg_dt >= '2026-05-01'  /  댓글: tb_board_comment (같은 기간)

--
-- Table structure for table `tb_board_article`
--

DROP TABLE IF EXISTS `tb_board_article`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `tb_board_article` (
  `article_id` int unsigned NOT NULL AUTO_INCREMENT,
  `board_code` varchar(20) NOT NULL,
  `title` varchar(300) NOT NULL,
  `writer_dept` varchar(100) DEFAULT NULL,
  `notice_no` varchar(40) DEFAULT NULL,
  `content_html` mediumtext,
  `open_yn` char(1) NOT NULL DEFAULT 'Y',
  `del_yn` char(1) NOT NULL DEFAULT 'N',
  `hit` int unsigned NOT NULL DEFAULT '0',
  `reg_dt` datetime NOT NULL,
  `mod_dt` datetime DEFAULT NULL,
  PRIMARY KEY (`article_id`),
  KEY `idx_board_reg` (`board_code`,`reg_dt`)
) ENGINE=InnoDB AUTO_INCREMENT=48215 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `tb_board_article`
--

LOCK TABLES `tb_board_article` WRITE;
/*!40000 ALTER TABLE `tb_board_article` DISABLE KEYS */;
INSERT INTO `tb_board_article` VALUES (48177,'BBS_0021','2026년 고성군 명태축제 먹거리 부스 운영자 모집 공고','관광문화체육과','고성군 공고 제2026-671호','<p>2026년 고성 명태축제 기간 중 먹거리 부스를 운영할 업체(단체)를 다음과 같이 모집합니다.</p>\n<ul>\n<li>모집 규모: 12개 부스</li>\n<li>신청 자격: 공고일 현재 고성군에 주소를 둔 음식점업 영업신고 업소 또는 마을 단위 단체</li>\n<li>부스 사용료: 1개 부스당 30만 원</li>\n</ul>\n<p>※ 자세한 사항은 첨부 공고문을 확인하시기 바랍니다.</p>','Y','N',412,'2026-05-04 10:12:33','2026-05-04 10:12:33'),(48190,'BBS_0021','[임시저장] 2026 작업장 위생환경 개선 지원사업 공고(안)','경제투자과',NULL,'<p>(작성 중 - 게시 전 검토용)</p>\n<p>신청 자격: 고성군 소재 식품 제조업체, 상시근로자 5명 이상 50명 미만, 2024년 매출액 20억 원 이하</p>\n<p>※ 팀장 검토 후 수정 예정</p>','N','Y',0,'2026-05-07 17:40:02','2026-05-08 09:15:47'),(48203,'BBS_0021','2026년 고성군 소규모 제조업체 작업장 위생환경 개선 지원사업 참여업체 모집 공고','경제투자과','고성군 공고 제2026-688호','<div class=\"bbs-view-content\">\n<h3>2026년 고성군 소규모 제조업체 작업장 위생환경 개선 지원사업 참여업체 모집 공고</h3>\n<p>관내 소규모 제조업체의 작업장 위생환경(바닥·배수로·방충·방서·환기)을 개선하여 제품 안전성과 근로환경을 높이고자 「2026년 고성군 소규모 제조업체 작업장 위생환경 개선 지원사업」 참여업체를 다음과 같이 모집합니다.</p>\n<p class=\"date\">2026. 5. 11.</p>\n<p class=\"sign\">강원특별자치도 고성군수</p>\n<h4>1. 사업 개요</h4>\n<ul>\n<li>지원 내용: 작업장 바닥 미끄럼 방지·배수로 정비, 방충·방서 시설, 환기·후드 설비 등 위생환경 개선 공사비</li>\n<li>지원 규모: 10개 업체 내외, 업체당 최대 1,500만 원(총사업비의 70%, 자부담 30%)</li>\n<li>접수 기간: 2026. 5. 18.(월) ~ 6. 5.(금) 18:00</li>\n<li>접수 방법: 경제투자과 방문 또는 전자우편 접수</li>\n</ul>\n<h4>2. 신청 제한</h4>\n<p>이 사업은 별도의 신청 자격 목록을 두지 않습니다. 아래 제한 사항에 하나도 해당하지 않는 고성군 제조업체는 누구나 신청할 수 있습니다.</p>\n<ol>\n<li>고성군 밖에 사업장(공장)이 있는 업체는 제외합니다. 본사만 고성군에 두고 공장은 다른 시·군에 있는 경우도 제외합니다. 경상남도 고성군 업체는 이 사업 대상이 아닙니다.</li>\n<li>제조업이 아닌 업체(도·소매업, 음식점업, 수산물 위판·유통업 등)는 제외합니다.</li>\n<li>상시근로자가 3명 미만이거나 30명 이상인 업체는 제외합니다.</li>\n<li>2025년 매출액이 30억 원을 넘는 업체는 제외합니다.</li>\n<li>공고일 현재 개업한 지 1년이 되지 않은 업체(2025. 5. 12. 이후 개업)는 제외합니다.</li>\n<li>국세 또는 지방세를 체납 중인 업체, 휴업 또는 폐업 중인 업체는 제외합니다.</li>\n<li>2024년 또는 2025년에 이 사업(작업장 위생환경 개선 지원)을 받은 업체는 제외합니다.</li>\n<li>2024~2025년 고성군 「식품 제조업체 포장·저장설비 지원사업」 또는 「수산물 가공업체 건조설비 현대화 지원사업」으로 작업장 바닥·배수 공사를 지원받은 업체는 제외합니다.</li>\n</ol>\n<p>※ 위 8가지 외에 다른 군·도 지원사업(냉동·냉장설비 교체, 온라인 판로 개척, 위생·품질 인증 획득, 수산식품 브랜드화 등)을 받은 이력은 신청에 영향이 없습니다.</p>\n<h4>3. 우선 선정</h4>\n<ul>\n<li>HACCP 인증을 보유하였거나 인증을 준비 중인 업체</li>\n<li>수산물 가공업체(명태·오징어·젓갈 등)</li>\n</ul>\n<p>※ 우선 선정 항목에 해당하지 않아도 신청할 수 있습니다.</p>\n<h4>4. 제출 서류</h4>\n<ul>\n<li>신청서 및 사업계획서(서식 1·2), 사업자등록증, 2025년 부가세 과세표준증명원, 국세·지방세 완납증명서, 작업장 현황 사진</li>\n</ul>\n<h4>5. 문의</h4>\n<p>고성군청 경제투자과 기업지원팀</p>\n</div>','Y','N',268,'2026-05-11 09:30:00','2026-05-11 14:02:19'),(48211,'BBS_0021','고성군 농어촌버스 일부 노선 시간표 변경 안내','교통행정팀','고성군 공고 제2026-693호','<p>2026. 6. 1.부터 거진~대진 노선 시간표가 다음과 같이 변경됩니다.</p>\n<p>※ 변경 시간표는 첨부파일을 확인하시기 바랍니다.</p>','Y','N',95,'2026-05-11 16:48:10','2026-05-11 16:48:10');
/*!40000 ALTER TABLE `tb_board_article` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `tb_board_comment`
--

DROP TABLE IF EXISTS `tb_board_comment`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `tb_board_comment` (
  `comment_id` int unsigned NOT NULL AUTO_INCREMENT,
  `article_id` int unsigned NOT NULL,
  `parent_id` int unsigned DEFAULT NULL,
  `writer_type` enum('USER','ADMIN') NOT NULL DEFAULT 'USER',
  `writer_name` varchar(50) DEFAULT NULL,
  `content` text NOT NULL,
  `del_yn` char(1) NOT NULL DEFAULT 'N',
  `reg_dt` datetime NOT NULL,
  PRIMARY KEY (`comment_id`),
  KEY `idx_article` (`article_id`)
) ENGINE=InnoDB AUTO_INCREMENT=9043 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `tb_board_comment`
--

LOCK TABLES `tb_board_comment` WRITE;
/*!40000 ALTER TABLE `tb_board_comment` DISABLE KEYS */;
INSERT INTO `tb_board_comment` VALUES (9031,48203,NULL,'USER','거진**','작년에 군에서 냉동창고 교체 지원을 받았는데 이번 사업도 신청할 수 있나요?','N','2026-05-11 11:20:41'),(9032,48203,9031,'ADMIN','경제투자과','냉동·냉장설비 교체 지원은 이번 사업의 제한 사항이 아닙니다. 다른 제한 사항에 해당하지 않으면 신청하실 수 있습니다.','N','2026-05-11 13:05:12'),(9033,48203,NULL,'USER','토성**','직원이 저 포함해서 3명인데 상시근로자 3명으로 보나요?','N','2026-05-11 13:41:09'),(9034,48203,9033,'ADMIN','경제투자과','상시근로자는 대표자를 빼고 셉니다. 대표자를 뺀 근로자가 3명 이상이어야 합니다.','N','2026-05-11 14:10:55'),(9035,48203,NULL,'USER','간성**','통영에서 젓갈 공장하는데 고성 사업장도 내려고 해요. 아직 고성에는 공장이 없어요','Y','2026-05-11 15:02:37');
/*!40000 ALTER TABLE `tb_board_comment` ENABLE KEYS */;
UNLOCK TABLES;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;

-- Dump completed on 2026-05-11 23:31:06
